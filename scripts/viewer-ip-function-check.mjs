// Runs the CloudFront viewer-request function of template.yaml (ViewerIpFunction) on sample
// viewer addresses and checks the headers it sets. The function is plain ES5, so Node can run it
// unchanged. Exits 1 if any header is wrong.
import { readFileSync } from 'node:fs';

const template = readFileSync(new URL('../template.yaml', import.meta.url), 'utf8');
const lines = template.split('\n');
const start = lines.findIndex((line, index) => line.trim() === 'FunctionCode: |'
  && lines.slice(Math.max(0, index - 12), index).some((before) => before.includes('x-viewer-network')));
if (start < 0) {
  console.error('No FunctionCode block of ViewerIpFunction found in template.yaml');
  process.exit(1);
}
const indent = lines[start + 1].match(/^ */)[0].length;
const body = [];
for (const line of lines.slice(start + 1)) {
  if (line.trim() !== '' && line.match(/^ */)[0].length < indent) {
    break;
  }
  body.push(line.slice(indent));
}
const handler = new Function(`${body.join('\n')}\nreturn handler;`)();

const cases = [
  ['203.0.113.7', '203.0.113.7'],
  ['2001:db8:0:1::1', '2001:db8:0:1::/64'],
  ['2001:db8:0:1:ffff:ffff:ffff:ffff', '2001:db8:0:1::/64'],
  ['2001:0DB8:0000:0001:0000:0000:0000:0001', '2001:db8:0:1::/64'],
  ['2001:db8::', '2001:db8:0:0::/64'],
  ['::1', '0:0:0:0::/64'],
  ['64:ff9b::192.0.2.33', '64:ff9b:0:0::/64'],
];
let failures = 0;
for (const [ip, expected] of cases) {
  const request = handler({ viewer: { ip }, request: { headers: { 'x-viewer-ip': { value: 'forged' } } } });
  const network = request.headers['x-viewer-network']?.value;
  const viewerIp = request.headers['x-viewer-ip']?.value;
  const ok = network === expected && viewerIp === ip;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${ip} -> ${network} (x-viewer-ip ${viewerIp})`);
  if (!ok) {
    failures += 1;
  }
}
console.log(`${cases.length - failures} of ${cases.length} viewer addresses passed.`);
process.exit(failures === 0 ? 0 : 1);
