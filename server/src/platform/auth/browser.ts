/** The browser and system a User-Agent names, short enough for a list of sign-ins: "Chrome 86 · Windows". */
export function browserOf(userAgent: string | undefined | null): string | null {
  if (!userAgent) return null;
  const ua = userAgent.slice(0, 512);
  const known: Array<[RegExp, string]> = [
    [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
    [/(?:QQBrowser)\/(\d+)/, 'QQ浏览器'],
    [/(?:360SE|360EE|QIHU 360)\/?(\d*)/, '360浏览器'],
    [/(?:MicroMessenger)\/(\d+)/, '微信'],
    [/(?:Firefox)\/(\d+)/, 'Firefox'],
    [/(?:OPR|Opera)\/(\d+)/, 'Opera'],
    [/(?:HeadlessChrome)\/(\d+)/, 'Chrome（无界面）'],
    [/(?:Chrome|Chromium|CriOS)\/(\d+)/, 'Chrome'],
    [/Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari/, 'Safari'],
  ];
  let browser: string | null = null;
  for (const [pattern, name] of known) {
    const m = pattern.exec(ua);
    if (m) {
      browser = m[1] ? `${name} ${m[1]}` : name;
      break;
    }
  }
  const systems: Array<[RegExp, string]> = [
    [/Windows/, 'Windows'],
    [/Android/, 'Android'],
    [/iPhone|iPad/, 'iOS'],
    [/Mac OS X/, 'macOS'],
    [/UOS|Deepin|Kylin|Linux/, 'Linux'],
  ];
  const system = systems.find(([pattern]) => pattern.test(ua))?.[1] ?? null;
  const text = [browser ?? (ua.split(/[ /]/)[0] || null), system].filter(Boolean).join(' · ');
  return text ? text.slice(0, 60) : null;
}
