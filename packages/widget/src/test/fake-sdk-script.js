// A stand-in for SmartPay's /sdk/smp-bundle.js, loaded by the widget as a real <script>.
window.fakeSdkRenders = 0;
window.SmpLibrary = {
  SmartPayAppInstance: {
    renderWidget(options) {
      window.fakeSdkRenders++;
      const frame = document.createElement('iframe');
      frame.title = 'SmartPay card form';
      document.getElementById(options.containerId).replaceChildren(frame);
      return new Promise(() => {});
    },
  },
};
