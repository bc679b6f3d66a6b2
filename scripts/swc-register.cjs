// Lets `node --require ./scripts/swc-register.cjs src/main.ts` run the TypeScript sources
// as they are, compiled in memory with the project's .swcrc: no build, no stale dist/.
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { filename, swcrc: true });
  module._compile(code, filename);
};
