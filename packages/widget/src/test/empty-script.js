// A script that loads fine but defines no SmartPay SDK.
window.emptyScriptLoaded = true;
