import { certificateLevelLabels, programmeLabels, type PublicCertificate } from '@gonghui/contracts';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const page = (title: string, body: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="renderer" content="webkit"><title>${escape(title)}</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:640px;margin:24px auto;padding:0 16px;color:#222}
h1{font-size:20px}table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:8px;text-align:left}
th{width:32%;background:#f6f6f6}.valid{color:#1a7f37}.bad{color:#c62828}</style></head><body>${body}</body></html>`;

/** The public verification page of a certificate: every field, so an edited copy shows its difference. */
export function certificatePage(c: PublicCertificate): string {
  const rows: Array<[string, string]> = [
    ['证书验证码', c.code],
    ['持证人', c.holderName],
    ['身份证号码', c.holderResidentIdMasked],
    ['培训班', c.courseTitle],
    ['培训项目', programmeLabels[c.programme]],
    ['举办单位', c.organiser],
    ['培训时间', `${c.startsOn} 至 ${c.endsOn}`],
    ['出勤', `${c.attended} / ${c.sessions} 课次`],
    ['证书等级', certificateLevelLabels[c.level]],
    ['发证日期', c.issuedOn],
  ];
  if (c.status === 'revoked') rows.push(['撤销', `${c.revokedOn ?? ''}：${c.revokeReason ?? ''}`]);
  const verdict =
    c.status === 'valid'
      ? '<p class="valid" id="verdict">此证书有效。请核对下列各项与纸质证书是否一致，任何一项不同即为被改动的证书。</p>'
      : '<p class="bad" id="verdict">此证书已被撤销，不再有效。</p>';
  const table = rows.map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v)}</td></tr>`).join('');
  return page('培训证书验证', `<h1>培训证书验证</h1>${verdict}<table>${table}</table>`);
}

/** The page for a code no certificate carries. */
export function unknownCertificatePage(): string {
  return page(
    '培训证书验证',
    '<h1>培训证书验证</h1><p class="bad" id="verdict">查无此证书：没有证书使用这个验证码。证书可能是伪造的，或验证码输入有误。</p>',
  );
}
