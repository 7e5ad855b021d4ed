// Copies non-TypeScript assets from src/ to dist/ after tsc (the JSON schemas).
import { cpSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = ['report/schemas', 'cat/lib'];
for (const a of assets) {
  const from = join(root, 'src', a);
  if (existsSync(from)) cpSync(from, join(root, 'dist', a), { recursive: true });
}
