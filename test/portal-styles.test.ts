import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

/**
 * Every CSS file of the portal is global once its page's chunk has loaded, so a class that two files style collides
 * (one page's tag turned brown on blue on another's). Each class a selector starts with belongs to one file:
 * building blocks to web/src/styles.css, an area's own classes (prefixed with its name) to the area's file.
 */
const WEB = path.join(import.meta.dirname, '..', 'web', 'src');

function cssFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? cssFiles(full) : e.name.endsWith('.css') ? [full] : [];
  });
}

/** The classes that start a selector in this CSS (each selector of a list, inside media queries too). */
function leadingClasses(css: string): Set<string> {
  const classes = new Set<string>();
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const [, selectors] of withoutComments.matchAll(/([^{}]+)\{/g))
    for (const selector of selectors!.split(','))
      for (const [, name] of selector.trim().matchAll(/^\.([a-zA-Z][\w-]*)/g)) classes.add(name!);
  return classes;
}

test('no class is styled by two CSS files of the portal', () => {
  const owner = new Map<string, string>();
  const twice: string[] = [];
  const files = cssFiles(WEB);
  assert.ok(files.length >= 5, `found ${files.length} CSS files`);
  for (const file of files) {
    const name = path.relative(WEB, file);
    for (const cls of leadingClasses(fs.readFileSync(file, 'utf8'))) {
      const first = owner.get(cls);
      if (first) twice.push(`.${cls} in ${first} and ${name}`);
      else owner.set(cls, name);
    }
  }
  assert.deepEqual(twice, []);
});

test('the check sees a class in a selector list and in a media query (it can fail)', () => {
  const css = '.a, .b > p { x: 1 } @media (max-width: 9px) { .c td { y: 2 } } /* .d { } */';
  assert.deepEqual([...leadingClasses(css)].sort(), ['a', 'b', 'c']);
});
