import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit/html.js';
import { type Changes, css, WidgetElement } from './widget-element.js';

/** A test element: records each update's changes and renders its two properties. */
class TestElement extends WidgetElement {
  static override properties = {
    label: {},
    flow: { attribute: 'integration-flow' },
    data: { attribute: false },
    open: { state: true },
  };
  static override styles = [css`:host { display: block; color: rgb(1, 2, 3); }`];
  label?: string;
  flow = 'payment-form';
  data?: object;
  open = false;
  updates: string[][] = [];
  derived = '';

  protected override willUpdate(changes: Changes): void {
    // A change made here joins this update instead of scheduling another.
    if (changes.has('label')) this.open = !!this.label;
    this.derived = `${this.label}/${this.flow}`;
  }

  protected override updated(changes: Changes): void {
    this.updates.push([...changes.keys()].map(String));
  }

  protected override render() {
    return html`<p>${this.derived}</p>`;
  }
}
customElements.define('test-widget-element', TestElement);

const text = (el: TestElement) => el.renderRoot.querySelector('p')!.textContent;

describe('WidgetElement', () => {
  it('renders once with the first values and adopts its stylesheet in its shadow root', async () => {
    const el = await fixture<TestElement>(html`<test-widget-element label="a"></test-widget-element>`);
    expect(text(el)).to.equal('a/payment-form');
    expect(el.updates).to.have.length(1);
    expect(el.updates[0]).to.include.members(['label', 'flow', 'open']);
    expect(getComputedStyle(el).color).to.equal('rgb(1, 2, 3)');
    expect(el.hasUpdated).to.equal(true);
  });

  it('sets string properties from their attributes, and unsets them when an attribute is removed', async () => {
    const el = await fixture<TestElement>(
      html`<test-widget-element label="a" integration-flow="direct"></test-widget-element>`,
    );
    expect(el.flow).to.equal('direct');
    el.removeAttribute('label');
    await el.updateComplete;
    expect(el.label).to.equal(undefined);
    expect(text(el)).to.equal('undefined/direct');
    // Neither internal state nor object properties are attributes.
    expect(TestElement.observedAttributes).to.deep.equal(['label', 'integration-flow']);
  });

  it('batches the changes of one task into one update, and skips a value set to itself', async () => {
    const el = await fixture<TestElement>(html`<test-widget-element></test-widget-element>`);
    el.label = 'x';
    el.flow = 'direct';
    el.label = 'y';
    await el.updateComplete;
    expect(el.updates.slice(1)).to.deep.equal([['label', 'flow', 'open']]);
    el.flow = 'direct';
    await el.updateComplete;
    expect(el.updates).to.have.length(2);
  });

  it('keeps a property a page set before the tag was defined', async () => {
    const early = document.createElement('test-widget-element-late') as TestElement;
    Object.assign(early, { label: 'early', data: { a: 1 } });
    document.body.append(early);
    customElements.define('test-widget-element-late', class extends TestElement {});
    await early.updateComplete;
    expect(early.label).to.equal('early');
    expect(early.data).to.deep.equal({ a: 1 });
    expect(text(early)).to.equal('early/payment-form');
    // Still reactive: the early value did not stay behind as a plain property.
    early.label = 'later';
    await early.updateComplete;
    expect(text(early)).to.equal('later/payment-form');
    early.remove();
  });

  it('does not update before it is in the page, and runs its controllers with it', async () => {
    const el = document.createElement('test-widget-element') as TestElement;
    const calls: string[] = [];
    el.addController({
      hostConnected: () => calls.push('connected'),
      hostUpdate: () => calls.push('update'),
      hostUpdated: () => calls.push('updated'),
      hostDisconnected: () => calls.push('disconnected'),
    });
    el.label = 'z';
    await new Promise((resolve) => setTimeout(resolve));
    expect(el.updates).to.have.length(0);
    document.body.append(el);
    await el.updateComplete;
    el.remove();
    expect(calls).to.deep.equal(['connected', 'update', 'updated', 'disconnected']);
    expect(text(el)).to.equal('z/payment-form');
  });
});
