/*
 * Runs before the app, in every browser: an old browser, or a domestic browser in its IE-compatibility
 * mode, gets a plain page saying which browsers work and how to switch mode, never a white page.
 * ES5 only (IE 8 included), and a file rather than inline code so that the CSP stays strict.
 * The features checked are those the build target (Chromium 86, Firefox 91) has and the app needs.
 */
(function () {
  var w = window;
  var d = document;

  function has(test) {
    try {
      return !!test();
    } catch (e) {
      return false;
    }
  }

  var ieMode = !!d.documentMode || /Trident\/|MSIE /.test(navigator.userAgent);
  var supported =
    !ieMode &&
    has(function () {
      return 'noModule' in d.createElement('script');
    }) &&
    has(function () {
      return typeof w.fetch === 'function' && typeof w.AbortController === 'function';
    }) &&
    has(function () {
      return typeof Promise.any === 'function' && typeof Promise.allSettled === 'function';
    }) &&
    has(function () {
      return typeof String.prototype.replaceAll === 'function';
    }) &&
    has(function () {
      return typeof Object.fromEntries === 'function' && typeof globalThis === 'object';
    }) &&
    has(function () {
      return typeof w.ResizeObserver === 'function' && typeof w.IntersectionObserver === 'function';
    }) &&
    has(function () {
      return w.CSS.supports('--gonghui-check', '0');
    });
  if (supported) return;

  w.gonghuiUnsupportedBrowser = true;
  var switchMode =
    '<p>如果您用的是 360 安全浏览器、360 极速浏览器、奇安信可信浏览器、QQ 浏览器或搜狗浏览器，' +
    '它现在可能处于<b>兼容模式</b>（IE 内核）：请点击地址栏右侧的闪电或“e”形图标，选择<b>极速模式</b>，页面会自动刷新。</p>';
  var browsers =
    '<p>可以使用的浏览器：</p><ul>' +
    '<li>360 安全浏览器 13 及以上、360 极速浏览器、奇安信可信浏览器：使用<b>极速模式</b></li>' +
    '<li>Google Chrome、Microsoft Edge：86 及以上版本</li>' +
    '<li>Firefox：91 及以上版本（Windows 7 可用 Firefox 115 ESR）</li>' +
    '</ul><p>Internet Explorer 无法使用本平台。如仍有问题，请联系本单位的系统管理员。</p>';
  var lead = ieMode
    ? '<p>您的浏览器正处于兼容模式（IE 内核），无法使用工会工作平台。</p>' + switchMode
    : '<p>您的浏览器版本过旧，无法使用工会工作平台。请升级浏览器，或改用下列浏览器之一。</p>' + switchMode;
  d.body.innerHTML =
    '<div id="unsupported-browser" style="max-width:640px;margin:60px auto;padding:24px 32px;' +
    'font-family:&quot;Microsoft YaHei&quot;,&quot;PingFang SC&quot;,sans-serif;font-size:16px;line-height:1.8;' +
    'color:#333;border:1px solid #e5e5e5;border-radius:6px;background:#fff">' +
    '<h1 style="font-size:22px;color:#1f5fbf;margin:0 0 12px">工会工作平台：请更换浏览器</h1>' +
    lead +
    browsers +
    '</div>';
})();
