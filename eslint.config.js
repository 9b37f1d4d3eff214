// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // The domain speaks no platform: adapters in bots/, jobs/ and src/api translate.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['express', 'grammy', 'discord.js', 'bullmq', 'ioredis'].map((name) => ({
          name,
          message: 'src/domain must not import platform libraries; put this in an adapter.',
        })),
      }],
    },
  },
  {
    // Commands are written once for both platforms; only bots/telegram and bots/discord know them.
    files: ['bots/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['express', 'grammy', 'discord.js', 'bullmq'].map((name) => ({
          name,
          message: 'bots/core is platform-neutral; render in bots/telegram or bots/discord.',
        })),
      }],
    },
  },
);
