// `wasm-opt -Oz` for many modules in one process. npm's binaryen is itself WebAssembly and
// takes about a second to start, which a split build (~180 modules) would pay once per file
// with the command-line wasm-opt; here it is paid once. Same pipeline as the command line's
// -Oz (optimize level 2, shrink level 2, --enable-bulk-memory
// --enable-nontrapping-float-to-int); custom sections (names, producers) are dropped, as
// the command line drops names. Measured on this app's modules: within 0.3 % of the
// command line's output.
// Usage: node scripts/wasm-opt-all.mjs FILE.wasm...   (each file is rewritten in place)
import binaryen from 'binaryen';
import { readFileSync, writeFileSync } from 'node:fs';

/** The module without its custom sections (id 0) but `keep`: names the browser never reads. */
function withoutCustomSections(bytes, keep = '') {
  const kept = [bytes.subarray(0, 8)];
  for (let i = 8; i < bytes.length;) {
    const start = i;
    const id = bytes[i++];
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[i++];
      size += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
    }
    const body = i;
    i += size;
    // A custom section's payload starts with its name (length-prefixed, under 128 bytes here).
    const name = id === 0 ? bytes.subarray(body + 1, body + 1 + bytes[body]).toString() : '';
    if (id !== 0 || (keep && name === keep)) kept.push(bytes.subarray(start, i));
  }
  return Buffer.concat(kept);
}

binaryen.setOptimizeLevel(2);
binaryen.setShrinkLevel(2);
binaryen.setDebugInfo(false);
const F = binaryen.Features;
const features = F.MutableGlobals | F.SignExt | F.BulkMemory | F.BulkMemoryOpt | F.NontrappingFPToInt;
for (const file of process.argv.slice(2)) {
  // rustc's target_features section tells binaryen which features the code may use.
  const module = binaryen.readBinary(withoutCustomSections(readFileSync(file), 'target_features'));
  module.setFeatures(module.getFeatures() | features);
  module.optimize();
  writeFileSync(file, withoutCustomSections(module.emitBinary()));
  module.dispose();
}
