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
writeFileSync(join(lib, "LICENCE.txt"),
  "nhsuk-frontend " + version + " (https://github.com/nhsuk/nhsuk-frontend), MIT licence.\n" +
  "Copyright (c) NHS England. Permission is hereby granted, free of charge, to any person obtaining a copy of this software\n" +
  "and associated documentation files, to deal in the Software without restriction, subject to the MIT licence terms.\n");
console.log("nhsuk-frontend " + version + " copied to wwwroot");
