// `npm start`: the desktop window where the Electron binary is installed; otherwise the browser
// host. It checks for the binary *before* touching the `electron` package, because requiring it
// without the binary triggers a download, which offline machines cannot do.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeVersionNote } from './nodeVersion.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);

const note = nodeVersionNote(process.versions.node);
if (note?.refuse) {
  console.error(note.message);
  process.exit(1);
}
if (note) console.log(note.message);

function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npm', ['run', 'build', '--silent']);

const binary = electronBinary();
const child = binary
  ? spawn(binary, ['.', ...args], { cwd: root, stdio: 'inherit' })
  : (console.log('未安装 Electron 可执行文件（本机无法下载），改为浏览器方式运行：在浏览器中打开下面的地址。'),
    spawn(process.execPath, [join(root, 'out', 'main', 'web.js'), ...args], { cwd: root, stdio: 'inherit' }));

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
