/** What `npm start` says about a Node.js version against package.json's engines (nodeVersion.mjs). */
export function nodeVersionNote(version: string): { refuse: boolean; message: string } | null;
