import { SmartpayNetworkToken } from '@smartpay/widget/react';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../example.css';

/** React 19 with the typed wrapper: props for the element's properties, onX callbacks for its events. */
function SaveCard() {
  const [flow, setFlow] = useState<'payment-form' | 'direct'>('payment-form');
  const [result, setResult] = useState('');
  return (
    <main className="example">
      <h1>Save your card (React 19)</h1>
      <label>
        <input type="radio" checked={flow === 'payment-form'} onChange={() => setFlow('payment-form')} />{' '}
        Hosted card form
      </label>
      <label>
        <input type="radio" checked={flow === 'direct'} onChange={() => setFlow('direct')} /> Direct card
        fields
      </label>
      <SmartpayNetworkToken
        integrationFlow={flow}
        currency="EUR"
        onTokenActive={(event) =>
          setResult(`Saved: ${event.detail.card?.brand} ending in ${event.detail.card?.last4}`)
        }
        onError={(event) => setResult(`Not saved: ${event.detail.code}`)}
      />
      <p id="result" role="status">
        {result}
      </p>
      <p>
        <a href="/">Back to the demo checkout</a>
      </p>
    </main>
  );
}

createRoot(document.querySelector('#root')!).render(
  <StrictMode>
    <SaveCard />
  </StrictMode>,
);
