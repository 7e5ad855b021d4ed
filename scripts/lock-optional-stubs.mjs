#!/usr/bin/env node
// The registry this project is built against serves only the platform
// packages of the machine it runs on, so `npm install` leaves other
// platforms' optional native packages (rollup's, esbuild's) out of
// package-lock.json, and `npm ci` then refuses the lock as out of sync.
// This adds a lock entry for each such missing optional package, marked with
// the os/cpu its name states, so `npm ci` sees a complete lock and skips them.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8'));
const pkgs = lock.packages;
const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'netbsd', 'sunos', 'win32', 'aix', 'cygwin'];
const CPU = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el', 'mipsel', 'ppc', 'x32', 'wasm32'];
let added = 0;
for (const [path, meta] of Object.entries(pkgs)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (pkgs[key]) continue;
    const base = name.split('/').pop();
    const parts = base.split('-');
    const os = OS.find((o) => parts.includes(o));
    const cpu = CPU.find((c) => parts.includes(c));
    const entry = { version, dev: Boolean(meta.dev), optional: true };
    if (os) entry.os = [os];
    if (cpu) entry.cpu = [cpu];
    if (parts.includes('musl')) entry.libc = ['musl'];
    else if (parts.includes('gnu') || parts.includes('gnueabihf')) entry.libc = ['glibc'];
    pkgs[key] = entry;
    added++;
  }
}
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`lock-optional-stubs: added ${added} entries`);
