import { createHash } from 'node:crypto';
import { formatLongDate as longDate } from '../../../domain/templates/long-date';
import type { VerificationAnswer } from './verify.service';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c as '&']);

const style = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1a1a1a;background:#f6f6f4}
body{margin:0}main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.status{border:3px solid;border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1rem;background:#fff}
.status strong{font-size:1.35rem;display:block}
.valid{border-color:#1b6e2a;color:#114a1c}.cancelled{border-color:#a1261b;color:#7a1b12;border-style:double;border-width:6px}
.replaced{border-color:#8a5a00;color:#5c3c00;border-style:dashed}
dl{background:#fff;border-radius:.5rem;padding:.5rem 1rem;margin:0}dt{font-weight:600;margin-top:.5rem}dd{margin:0 0 .25rem}
code{font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all;background:#eee;padding:.1rem .25rem}
a{color:#0b4f8a}a:focus,input:focus,.button:focus{outline:3px solid #f2a900;outline-offset:2px}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}
.button{display:inline-block;padding:.6rem 1rem;border-radius:.4rem;background:#0b4f8a;color:#fff;text-decoration:none;font-weight:600}
.button.secondary{background:#fff;color:#0b4f8a;border:2px solid #0b4f8a}
.result{font-weight:600}.match{color:#114a1c}.mismatch{color:#7a1b12}
footer{margin-top:2rem;font-size:.9rem;color:#444}
`;

// Progressive enhancement: with JavaScript (and crypto.subtle, which browsers give secure pages), a PDF chosen here is
// hashed in the browser and compared; nothing is uploaded. Without it, the page says how to compare by hand.
const script = `(function(){var s=document.getElementById('check');if(!s||!window.crypto||!crypto.subtle||!window.Blob||!Blob.prototype.arrayBuffer)return;s.hidden=false;var i=document.getElementById('pdf'),o=document.getElementById('check-result'),e=s.getAttribute('data-sha256');i.addEventListener('change',function(){var f=i.files&&i.files[0];if(!f)return;o.className='result';o.textContent='Checking\\u2026';f.arrayBuffer().then(function(b){return crypto.subtle.digest('SHA-256',b)}).then(function(d){var h=Array.prototype.map.call(new Uint8Array(d),function(x){return('0'+x.toString(16)).slice(-2)}).join('');var m=h===e;o.className='result '+(m?'match':'mismatch');o.textContent=m?'Match: this file is the document the organisation issued (SHA-256 is the same).':'No match: this file is not the document the organisation issued. Its SHA-256 is '+h+'.'},function(){o.className='result mismatch';o.textContent='This browser could not read that file.'})})})();`;

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Only the page's own inline style and script run; nothing is loaded from anywhere, no form posts anywhere. */
export const verifyPageCsp = [
  "default-src 'none'",
  `style-src ${hash(style)}`,
  `script-src ${hash(script)}`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(title)}</title>
<style>${style}</style>
</head>
<body>
<main>
${body}
<footer><p>This page shows what the issuing organisation's credential register holds today.</p></footer>
</main>
<script>${script}</script>
</body>
</html>
`;
}

/** LinkedIn's add-to-profile link (Licenses & certifications) prefilled with the credential. */
export function linkedInUrl(answer: VerificationAnswer): string {
  const [year, month] = answer.credentialDate.split('-');
  const params = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: answer.title,
    organizationName: answer.organisation,
    issueYear: String(Number(year)),
    issueMonth: String(Number(month)),
    certUrl: answer.verificationUrl,
    certId: answer.number,
  });
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}

function statusBlock(answer: VerificationAnswer): string {
  if (answer.status === 'valid') {
    return `<div class="status valid"><strong>&#10003; Valid</strong>This credential was issued by ${escape(answer.organisation)} and has not been cancelled.</div>`;
  }
  if (answer.status === 'replaced') {
    return `<div class="status replaced"><strong>&#8635; Replaced</strong>This credential is no longer current: it was replaced by another credential. <a href="${escape(answer.replacedBy ?? '')}">Check the replacement</a>.</div>`;
  }
  const on = answer.cancelledOn ? ` on ${escape(longDate(answer.cancelledOn))}` : '';
  return `<div class="status cancelled"><strong>&#10007; Cancelled${on}</strong>This credential was issued but has since been cancelled: it is no longer valid.</div>`;
}

/** The verification page for people: readable without JavaScript, status in words (and colour, never colour alone). */
export function verificationPage(answer: VerificationAnswer): string {
  const statusWord = { valid: 'Valid', cancelled: 'Cancelled', replaced: 'Replaced' }[answer.status];
  const organisation = answer.rtoCode
    ? `${escape(answer.organisation)} (RTO ${escape(answer.rtoCode)})`
    : escape(answer.organisation);
  const officer = answer.issuingOfficer
    ? `<dt>Issuing officer</dt><dd>${escape(answer.issuingOfficer.name)}${answer.issuingOfficer.position ? `, ${escape(answer.issuingOfficer.position)}` : ''}</dd>`
    : '';
  const actions =
    answer.status === 'valid'
      ? `<div class="actions">${
          answer.openBadgeUrl
            ? `<a class="button" href="${escape(answer.openBadgeUrl)}" download>Download Open Badge (JSON)</a>`
            : ''
        }<a class="button secondary" href="${escape(linkedInUrl(answer))}" rel="noopener noreferrer">Add to LinkedIn profile</a></div>`
      : '';
  const check = answer.sha256
    ? `<h2>Check a PDF you hold</h2>
<p>The document issued has this SHA-256 fingerprint:</p>
<p><code id="sha256">${escape(answer.sha256)}</code></p>
<section id="check" data-sha256="${escape(answer.sha256)}" hidden aria-labelledby="check-label">
<p><label id="check-label" for="pdf">Choose the PDF to compare. It is checked in this browser and never leaves your device.</label></p>
<p><input type="file" id="pdf" accept="application/pdf,.pdf"></p>
<p id="check-result" class="result" role="status" aria-live="polite"></p>
</section>
<p>To compare by hand, compute the file's SHA-256 (for example <code>sha256sum file.pdf</code> on Linux,
<code>shasum -a 256 file.pdf</code> on macOS or <code>certutil -hashfile file.pdf SHA256</code> on Windows) and check it
is the same as the fingerprint above.</p>`
    : '';
  return page(
    `${statusWord}: credential ${answer.number} from ${answer.organisation}`,
    `<h1>Credential verification</h1>
${statusBlock(answer)}
<dl>
<dt>Learner</dt><dd>${escape(answer.learnerName)}</dd>
<dt>Credential</dt><dd>${escape(answer.title)}</dd>
<dt>Number</dt><dd>${escape(answer.number)}</dd>
<dt>Date</dt><dd><time datetime="${escape(answer.credentialDate)}">${escape(longDate(answer.credentialDate))}</time></dd>
<dt>Issued by</dt><dd>${organisation}</dd>
${officer}
</dl>
${actions}
${check}`,
  );
}

/** A browser's answer for an unknown code: the same words as the JSON 404, as a page. */
export function notFoundPage(message: string): string {
  return page(
    'Credential not found',
    `<h1>Credential verification</h1>
<div class="status cancelled"><strong>&#10007; Not found</strong>${escape(message)}.</div>
<p>Check the address against the one printed on the document, or ask the organisation that issued it.</p>`,
  );
}
