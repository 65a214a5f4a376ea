import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textColorOn } from '../src/browser/card-form/on-primary.ts';

test('text on a dark primary is white, on a light primary it is near-black', () => {
  assert.equal(textColorOn('rgb(29, 78, 216)'), '#ffffff');
  assert.equal(textColorOn('rgb(127, 176, 255)'), '#111111');
  assert.equal(textColorOn('rgba(255, 255, 0, 1)'), '#111111');
  assert.equal(textColorOn('rgb(0 0 0 / 50%)'), '#ffffff');
});

test('an unreadable colour leaves the default', () => {
  assert.equal(textColorOn('oklch(70% 0.1 250)'), undefined);
  assert.equal(textColorOn(''), undefined);
});
