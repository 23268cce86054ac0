// A type assertion (`x as T`, `<T>x`) or a non-null assertion (`x!`) tells the compiler to trust us.
// Each one in product code carries a comment that says why it holds, on its own line or on the
// line(s) directly above it or its statement (issue #25); better still, it is not needed at all.
// `as const` asserts nothing that could be false, so it needs no reason.

// A reason is a few words; tool directives and empty comments say nothing to a reader.
const directive = /^\s*(eslint|prettier-ignore|@ts-|istanbul|c8)/;
const saysWhy = (text) => !directive.test(text) && (text.match(/\p{L}{2,}/gu) ?? []).length >= 2;

const isConst = (node) =>
  node.type !== 'TSNonNullExpression' &&
  node.typeAnnotation.type === 'TSTypeReference' &&
  node.typeAnnotation.typeName.type === 'Identifier' &&
  node.typeAnnotation.typeName.name === 'const';

// A statement, declaration or class member: a comment above it covers every assertion inside it.
const statementLike = (node) => /(Statement|Declaration|PropertyDefinition|TSPropertySignature)$/.test(node.type);

const rule = {
  meta: {
    type: 'suggestion',
    docs: { description: 'Each type assertion or non-null assertion says why it holds, in a comment.' },
    schema: [],
    messages: {
      unexplained:
        '{{what}} without a reason: remove it (a typed statement, a guard, a schema) or say why it holds in a comment on this line or the line above.',
    },
  },
  create(context) {
    const source = context.sourceCode;
    // Lines that hold a comment which says something, and the last lines of such comments standing
    // on their own lines (a comment after code on the line above explains that code, not this).
    const reasonOn = new Set();
    const reasonEndsOn = new Set();
    const comments = source.getAllComments();
    const alone = (c) => (source.getTokenBefore(c)?.loc.end.line ?? 0) < c.loc.start.line;
    for (let i = 0; i < comments.length; i++) {
      // Consecutive comment lines read as one block: the block says why if any of it does.
      let j = i;
      const next = (k) => comments[k + 1].loc.start.line <= comments[k].loc.end.line + 1;
      while (j + 1 < comments.length && alone(comments[j]) && alone(comments[j + 1]) && next(j)) j++;
      const block = comments.slice(i, j + 1);
      if (block.some((c) => saysWhy(c.value))) {
        for (const c of block) for (let l = c.loc.start.line; l <= c.loc.end.line; l++) reasonOn.add(l);
        if (alone(block[0])) reasonEndsOn.add(block.at(-1).loc.end.line);
      }
      i = j;
    }
    // A reason on the assertion's lines, or ending just above it or above any node that holds it, up
    // to its statement (an object's property, a call's argument, the statement itself).
    const explained = (node) => {
      for (let l = node.loc.start.line; l <= node.loc.end.line; l++) if (reasonOn.has(l)) return true;
      for (let n = node; n; n = statementLike(n) ? null : n.parent) {
        if (reasonEndsOn.has(n.loc.start.line - 1)) return true;
      }
      return false;
    };
    const check = (node) => {
      if (isConst(node) || explained(node)) return;
      const what = node.type === 'TSNonNullExpression' ? 'A non-null assertion `!`' : 'A type assertion';
      context.report({ node, messageId: 'unexplained', data: { what } });
    };
    return { TSAsExpression: check, TSTypeAssertion: check, TSNonNullExpression: check };
  },
};

export const plugin = { meta: { name: 'motcua' }, rules: { 'explained-assertions': rule } };

// Where the rule is an error: all product code (tests, benches and tools may assert freely). A test
// checks that every product file the repository tracks is covered.
export const assertionsExplained = ['main/**', 'db/**', 'hardware/**', 'province/**', 'renderer/src/**'];

/** The config fragment for eslint.config.js. */
export const explainedAssertions = {
  files: assertionsExplained,
  plugins: { motcua: plugin },
  rules: { 'motcua/explained-assertions': 'error' },
};
