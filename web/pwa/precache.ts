// Which files of the built web client the service worker precaches: the app shell. Read from the
// output folder after the web build, so new chunks or content-hashed names need no list here.

/** The shell's own files besides index.html: code, styles, the manifest and its icons. */
const SHELL_FILE = /\.(js|css|webmanifest|png)$/;
/** Never precached: the worker itself, source maps, precompressed copies (the server picks those). */
const LEFT_OUT = /(^sw\.js$|\.map$|\.gz$|\.br$)/;

/** `files`: paths relative to the output folder, with '/' separators. Returns URL paths, sorted. */
export function precacheList(files: readonly string[]): string[] {
  return files
    .filter((f) => f === 'index.html' || (SHELL_FILE.test(f) && !LEFT_OUT.test(f.split('/').pop() ?? f)))
    .filter((f) => !f.startsWith('manager/'))
    .map((f) => `/${f}`)
    .sort();
}
