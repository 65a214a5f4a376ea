'use client';

import type { SmartpayErrorEvent, SmartpayNetworkToken, SmartpayTokenActiveEvent } from '@smartpay/widget';
import type {} from '@smartpay/widget/react';
import { useEffect, useRef, useState } from 'react';

/**
 * The element in a client component. The server renders the bare tag; the element is registered in
 * the browser only, after hydration, so the server HTML and the first client render are the same
 * (no hydration mismatch) and the tag upgrades in place.
 *
 * Listeners go on in an effect rather than as `onsmartpay-*` props: React 19 attaches a custom
 * element's `on<event>` props on client renders but not when it hydrates server HTML (react#35446),
 * so on a server-rendered page they would never fire.
 */
export function SaveCard({ currency }: { currency: string }) {
  const widget = useRef<SmartpayNetworkToken>(null);
  const [result, setResult] = useState('');
  useEffect(() => {
    const element = widget.current!;
    const onActive = (event: SmartpayTokenActiveEvent) =>
      setResult(`Saved: ${event.detail.card?.brand} ending in ${event.detail.card?.last4}`);
    const onError = (event: SmartpayErrorEvent) => setResult(`Not saved: ${event.detail.code}`);
    element.addEventListener('smartpay-token-active', onActive);
    element.addEventListener('smartpay-error', onError);
    void import('@smartpay/widget/define');
    return () => {
      element.removeEventListener('smartpay-token-active', onActive);
      element.removeEventListener('smartpay-error', onError);
    };
  }, []);
  return (
    <>
      <smartpay-network-token ref={widget} currency={currency} />
      <p id="result" role="status">
        {result}
      </p>
    </>
  );
}
