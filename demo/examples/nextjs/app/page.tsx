import { connection } from 'next/server';
import { CART, cartTotal } from './cart';
import { SaveCard } from './save-card';

/**
 * A server component: the order comes from the server and is rendered there, with the element's
 * tag in the HTML. Only <SaveCard> runs in the browser, where it registers the element.
 */
export default async function CheckoutPage() {
  // Rendered per request, so every response carries its own CSP nonce (proxy.ts).
  await connection();
  const money = new Intl.NumberFormat('en-IE', { style: 'currency', currency: CART.currency });
  return (
    <main className="example">
      <h1>Checkout (Next.js 16)</h1>
      <section aria-labelledby="order-heading">
        <h2 id="order-heading">Your order</h2>
        <ul>
          {CART.lines.map((line) => (
            <li key={line.sku}>
              {`${line.name} × ${line.quantity}: ${money.format((line.quantity * line.unitPrice) / 100)}`}
            </li>
          ))}
        </ul>
        <p>
          Total <strong>{money.format(cartTotal(CART.lines) / 100)}</strong>
        </p>
      </section>
      <section aria-labelledby="card-heading">
        <h2 id="card-heading">Save your card for next time</h2>
        <SaveCard currency={CART.currency} />
      </section>
    </main>
  );
}
