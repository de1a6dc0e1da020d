import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { anchors, docFiles, linkTargets, read, ROOT } from './markdown';

/** A link the reader's browser leaves the repository for (checked by nobody here). */
const external = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

describe('links in README.md, README.zh-CN.md and docs/', () => {
  const files = docFiles();

  it('finds the pages and their links', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'README.zh-CN.md', 'docs/errors.md', 'docs/platform/tokens.md']));
    expect(files.flatMap((file) => linkTargets(read(file))).length).toBeGreaterThan(100);
  });

  it.each(files)('%s: every relative link names an existing file inside the repository, and an existing heading', (file) => {
    const broken: string[] = [];
    for (const target of linkTargets(read(file))) {
      if (external(target)) continue;
      const [rawPath, fragment] = target.split('#', 2) as [string, string | undefined];
      const resolved = rawPath === '' ? path.join(ROOT, file) : path.resolve(path.dirname(path.join(ROOT, file)), decodeURI(rawPath));
      if (!resolved.startsWith(ROOT + path.sep)) {
        broken.push(`${target}: outside the repository`);
        continue;
      }
      if (!existsSync(resolved)) {
        broken.push(`${target}: no such file`);
        continue;
      }
      if (fragment === undefined) continue;
      if (statSync(resolved).isDirectory() || !resolved.endsWith('.md')) {
        broken.push(`${target}: an anchor into something that is not a Markdown page`);
        continue;
      }
      const page = path.relative(ROOT, resolved).split(path.sep).join('/');
      if (!anchors(read(page)).has(decodeURIComponent(fragment))) broken.push(`${target}: no heading with that anchor in ${page}`);
    }
    expect(broken).toEqual([]);
  });
});

describe('anchors', () => {
  it('are made as GitHub makes them', () => {
    const page = ['# Title', '## The whole list at once: `all: true`', '### `cloud.openapi`: a generic proxy', '## 上线清单', '## Repeat', '## Repeat', '```', '# not a heading', '```'].join('\n');
    expect([...anchors(page)]).toEqual(['title', 'the-whole-list-at-once-all-true', 'cloudopenapi-a-generic-proxy', '上线清单', 'repeat', 'repeat-1']);
  });
});
