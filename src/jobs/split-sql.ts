/**
 * Splits SQL text into statements at top-level semicolons, skipping those inside quotes
 * ('…', E'…', "…"), dollar-quoted bodies ($$…$$, $tag$…$tag$) and comments (-- line and nested block
 * comments).
 * Statements with nothing but comments are dropped. Used by the pg-boss adapter: our Sql runs one
 * statement per call (PGlite's extended protocol refuses several), while pg-boss sends some
 * multi-statement blocks (its schema, and BEGIN … COMMIT maintenance blocks).
 */
export function splitSql(text: string): string[] {
  const statements: string[] = [];
  const n = text.length;
  let start = 0;
  let code = false; // the current statement has something besides comments and whitespace
  let i = 0;

  /** Index just past the quote closing the one at i; the quote char is doubled to escape it. */
  const skipQuoted = (quote: string, backslashEscapes: boolean) => {
    let j = i + 1;
    while (j < n) {
      const ch = text[j];
      if (backslashEscapes && ch === '\\') j += 2;
      else if (ch === quote && text[j + 1] === quote) j += 2;
      else if (ch === quote) return j + 1;
      else j++;
    }
    return n;
  };

  while (i < n) {
    const c = text[i]!;
    const next = text[i + 1];
    const prev = i > 0 ? text[i - 1]! : '';
    if (c === '-' && next === '-') {
      const eol = text.indexOf('\n', i + 2);
      i = eol < 0 ? n : eol + 1;
      continue;
    }
    if (c === '/' && next === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (text[i] === '/' && text[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (text[i] === '*' && text[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
      continue;
    }
    if (c === ';') {
      if (code) statements.push(text.slice(start, i).trim());
      code = false;
      start = ++i;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    code = true;
    if (c === "'") {
      // E'…' (not part of a longer word such as a column named "type'") allows backslash escapes.
      const escapeString = /[eE]/.test(prev) && !/[\w$]/.test(i > 1 ? text[i - 2]! : '');
      i = skipQuoted("'", escapeString);
    } else if (c === '"') {
      i = skipQuoted('"', false);
    } else if (c === '$' && !/[\w$]/.test(prev)) {
      // $1 is a parameter, not a quote: a tag never starts with a digit.
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      if (tag) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? n : close + tag[0].length;
      } else {
        i++;
      }
    } else {
      i++;
    }
  }
  if (code) statements.push(text.slice(start).trim());
  return statements;
}
