// Types for the lint rule's module, which eslint.config.js loads as plain JavaScript.
import type { ESLint, Linter, Rule } from 'eslint';

export const plugin: ESLint.Plugin & { rules: { 'explained-assertions': Rule.RuleModule } };
export const assertionsExplained: string[];
export const explainedAssertions: Linter.Config;
