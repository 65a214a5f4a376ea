import { ChangeDetectionStrategy, Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import type { IntegrationFlow, SmartpayErrorEvent, SmartpayTokenActiveEvent } from '@smartpay/widget';

/**
 * Angular 21, standalone and zoneless. CUSTOM_ELEMENTS_SCHEMA lets the template use the tag;
 * `[integrationFlow]` sets the element's property, `(smartpay-token-active)` listens to its event.
 * Under strictTemplates `$event` has the widget's event type (the widget declares its events in
 * the DOM's event map), so a handler taking the wrong event fails the build.
 */
@Component({
  selector: 'app-save-card',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="example">
      <h1>Save your card (Angular 21)</h1>
      <label>
        <input type="radio" name="flow" [checked]="flow() === 'payment-form'" (change)="flow.set('payment-form')" />
        Hosted card form
      </label>
      <label>
        <input type="radio" name="flow" [checked]="flow() === 'direct'" (change)="flow.set('direct')" />
        Direct card fields
      </label>
      <smartpay-network-token
        [integrationFlow]="flow()"
        currency="EUR"
        (smartpay-token-active)="onActive($event)"
        (smartpay-error)="onError($event)"
      ></smartpay-network-token>
      <p id="result" role="status">{{ result() }}</p>
      <p><a href="/">Back to the demo checkout</a></p>
    </main>
  `,
})
export class SaveCardComponent {
  protected readonly flow = signal<IntegrationFlow>('payment-form');
  protected readonly result = signal('');

  protected onActive(event: SmartpayTokenActiveEvent): void {
    this.result.set(`Saved: ${event.detail.card?.brand} ending in ${event.detail.card?.last4}`);
  }

  protected onError(event: SmartpayErrorEvent): void {
    this.result.set(`Not saved: ${event.detail.code}`);
  }
}
