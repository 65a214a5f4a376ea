/** React 19 with the typed wrapper: props for the element's properties, onX callbacks for its events. */
import { SmartpayNetworkToken } from '@smartpay/widget/react';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

const flow = new URLSearchParams(location.search).get('flow') === 'direct' ? 'direct' : 'payment-form';

function SaveCard() {
  const [result, setResult] = useState('');
  return (
    <main>
      <h1>Save your card</h1>
      <SmartpayNetworkToken
        endpoint="/smartpay"
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
    </main>
  );
}

const root = document.querySelector('#root');
if (!root) throw new Error('the page lost its markup');
createRoot(root).render(
  <StrictMode>
    <SaveCard />
  </StrictMode>,
);
