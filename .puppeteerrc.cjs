// whatsapp-web.js pulls puppeteer; its browser download cannot work here, and we drive the system Chromium
// (CHROMIUM_PATH) instead.
module.exports = { skipDownload: true };
