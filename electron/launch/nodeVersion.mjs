// What `npm start` says about the Node.js in use, against package.json's engines
// (^20.19.0 || >=22.12.0). Node 20 is what CI tests on; there npm warns EBADENGINE because electron
// 45 and kysely 0.29 declare Node 22 (README, "Node.js").

/** @returns {{ refuse: boolean, message: string } | null} */
export function nodeVersionNote(version) {
  const [major = 0, minor = 0] = String(version).replace(/^v/, '').split('.').map(Number);
  const inRange = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22;
  if (!inRange) {
    return {
      refuse: true,
      message:
        `本程序的开发与浏览器运行方式需要 Node.js 20.19 以上的 20.x，或 22.12 及以上（当前为 ${version}）。请安装 Node.js 22 LTS 后再运行 npm start。\n` +
        `Node.js ${version} is outside this project's engines (^20.19.0 || >=22.12.0); install Node.js 22 LTS.`,
    };
  }
  if (major === 20) {
    return {
      refuse: false,
      message: `提示：当前 Node.js ${version}（已测试）。electron 与 kysely 声明需要 Node 22，安装时的 EBADENGINE 警告即因此；Windows 开发电脑建议安装 Node.js 22 LTS。`,
    };
  }
  return null;
}
