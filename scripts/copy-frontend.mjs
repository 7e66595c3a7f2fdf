// Copies the built NHS design system (nhsuk-frontend from npm) into wwwroot.
// The copied files are committed (docs/adr/0002), so `dotnet run` works without npm;
// run `npm ci && npm run frontend` after changing the nhsuk-frontend version in package.json.
import { cpSync, mkdirSync, rmSync, readFileSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "node_modules", "nhsuk-frontend", "dist", "nhsuk");
const version = JSON.parse(readFileSync(join(root, "node_modules", "nhsuk-frontend", "package.json"), "utf8")).version;
const lib = join(root, "wwwroot", "lib", "nhsuk-frontend");

rmSync(lib, { recursive: true, force: true });
mkdirSync(lib, { recursive: true });
for (const file of ["nhsuk-frontend.min.css", "nhsuk-frontend.min.js"]) {
  cpSync(join(dist, file), join(lib, file));
}
// The stylesheet refers to its icons as /assets/images/..., so they live at the site root.
rmSync(join(root, "wwwroot", "assets"), { recursive: true, force: true });
cpSync(join(dist, "assets"), join(root, "wwwroot", "assets"), { recursive: true });
writeFileSync(join(lib, "VERSION"), version + "\n");
// The package ships no licence file; its README says: "The codebase is released under the MIT Licence".
writeFileSync(join(lib, "LICENCE.txt"), `nhsuk-frontend ${version} (https://github.com/nhsuk/nhsuk-frontend)

The codebase is released under the MIT Licence, unless stated otherwise (nhsuk-frontend README).
The documentation is (c) NHS England and available under the terms of the Open Government 3.0 licence.

MIT License

Copyright (c) NHS England

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction, including
without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the
following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial
portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO
EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE
USE OR OTHER DEALINGS IN THE SOFTWARE.
`);
console.log("nhsuk-frontend " + version + " copied to wwwroot");
