// Builds test files with the C2PA reference builder (c2pa-rs as WebAssembly), signed with the c2pa-rs test keys.
// Copied into the reference reader's folder (for its node_modules) and run from there by the tests.
// Every mode takes --certs=DIR first: where the c2pa-rs test keys are (es256.pem, es256.pub).
//   node reference-builder.mjs parent   PARENT IN OUT       a conversion of PARENT (its parentOf ingredient), as ChatGPT writes them
//   node reference-builder.mjs component COMPONENT IN OUT   IN with COMPONENT placed into it (componentOf)
//   node reference-builder.mjs sidecar  IN OUT OUT.c2pa     the manifest beside the asset, not in it
//   node reference-builder.mjs remote   IN OUT URL OUT.c2pa  the asset only references its manifest (XMP dcterms:provenance)
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import init, { WasmBuilder } from '@contentauth/c2pa-wasm';
const require = createRequire(import.meta.url);
await init({ module_or_path: readFileSync(require.resolve('@contentauth/c2pa-wasm/c2pa.wasm')) });

// The wasm reads Blobs synchronously (a browser-worker API): give it the bytes we made the Blob from.
const BYTES = new WeakMap();
globalThis.FileReaderSync = class { readAsArrayBuffer(b) { return BYTES.get(b); } };
const blob = (u8) => { const b = new Blob([u8]); BYTES.set(b, u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength)); return b; };

// CBOR, just enough for a COSE_Sign1.
const head = (major, n) => n < 24 ? Buffer.from([(major << 5) | n]) : n < 0x100 ? Buffer.from([(major << 5) | 24, n])
  : n < 0x10000 ? Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]) : Buffer.from([(major << 5) | 26, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
const bstr = (u8) => Buffer.concat([head(2, u8.length), Buffer.from(u8)]);
const tstr = (t) => Buffer.concat([head(3, Buffer.byteLength(t)), Buffer.from(t)]);
const int = (v) => v >= 0 ? head(0, v) : head(1, -1 - v);
const arr = (items) => Buffer.concat([head(4, items.length), ...items]);
const map = (pairs) => Buffer.concat([head(5, pairs.length), ...pairs.flat()]);

const argv = process.argv.slice(2);
const certs = argv[0].startsWith('--certs=') ? argv.shift().slice('--certs='.length) : new URL('./certs', import.meta.url).pathname;
const key = crypto.createPrivateKey(readFileSync(join(certs, 'es256.pem')));
const chain = [...readFileSync(join(certs, 'es256.pub'), 'utf8').matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)]
  .map(m => Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
const RESERVE = 20000;
// A tagged COSE_Sign1 (detached payload) over the claim, padded to exactly RESERVE bytes as the builder reserved.
function sign(claim) {
  const prot = map([[int(1), int(-7)], [int(33), chain.length === 1 ? bstr(chain[0]) : arr(chain.map(bstr))]]);
  const tbs = arr([tstr('Signature1'), bstr(prot), bstr(Buffer.alloc(0)), bstr(claim)]);
  const sig = crypto.sign('sha256', tbs, { key, dsaEncoding: 'ieee-p1363' });
  const cose = (pad) => Buffer.concat([Buffer.from([0xd2]),
    arr([bstr(prot), map(pad === null ? [] : [[tstr('pad'), bstr(Buffer.alloc(pad))]]), Buffer.from([0xf6]), bstr(sig)])]);
  for (let n = RESERVE - cose(null).length - 4; n >= 0; n--) {
    const out = cose(n);
    if (out.length <= RESERVE) {
      if (out.length !== RESERVE) throw new Error(`cannot pad to ${RESERVE}`);
      return out;
    }
  }
  throw new Error('reserve too small');
}

const MIME = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png' };
const mime = (f) => MIME[extname(f).toLowerCase()];
const definition = (actions) => JSON.stringify({ claim_generator_info: [{ name: 'aigc-mark-reference-fixture', version: '1.0' }],
  title: 'reference fixture', assertions: [{ label: 'c2pa.actions.v2', data: { actions } }] });
const context = JSON.stringify({ version: 1, builder: { thumbnail: { enabled: false } },
  verify: { verify_trust: false, verify_after_sign: false, ocsp_fetch: false, remote_manifest_fetch: false } });
const signer = { alg: 'es256', reserveSize: RESERVE, sign: async (bytes) => new Uint8Array(sign(Buffer.from(bytes))) };

const [mode, ...a] = argv;
if (mode === 'parent' || mode === 'component') {
  const [ingredientFile, inFile, outFile] = a;
  const parent = mode === 'parent';
  const b = WasmBuilder.fromJson(definition(parent
    ? [{ action: 'c2pa.opened', parameters: { ingredientIds: ['ingredient'] } }, { action: 'c2pa.converted' }]
    : [{ action: 'c2pa.created', digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture' },
       { action: 'c2pa.placed', parameters: { ingredientIds: ['ingredient'] } }]), context);
  await b.addIngredientFromBlob(JSON.stringify({ title: 'ingredient', relationship: parent ? 'parentOf' : 'componentOf', label: 'ingredient' }),
    mime(ingredientFile), blob(new Uint8Array(readFileSync(ingredientFile))));
  writeFileSync(outFile, await b.sign(signer, [], mime(inFile), blob(new Uint8Array(readFileSync(inFile)))));
} else if (mode === 'sidecar' || mode === 'remote') {
  const [inFile, outFile] = a;
  const url = mode === 'remote' ? a[2] : null;
  const manifestFile = mode === 'remote' ? a[3] : a[2];
  const b = WasmBuilder.fromJson(definition([{ action: 'c2pa.created',
    digitalSourceType: 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia' }]), context);
  b.setNoEmbed(true);
  if (url) b.setRemoteUrl(url);
  const r = await b.signAndGetManifestBytes(signer, [], mime(inFile), blob(new Uint8Array(readFileSync(inFile))));
  writeFileSync(manifestFile, r.manifest ?? r.manifestBytes ?? r.manifest_bytes);
  writeFileSync(outFile, r.asset ?? r.assetBytes ?? r.asset_bytes ?? readFileSync(inFile));
} else {
  throw new Error('mode: parent | component | sidecar | remote');
}
