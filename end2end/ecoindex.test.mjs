// Unit tests of ecoindex.mjs against the reference values of the published
// method (cnumr/ecoindex). Run by scripts/test.sh: node --test end2end/ecoindex.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QUANTILES, grade, quantile, score } from './ecoindex.mjs';

const near = (actual, expected, tolerance, what) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual}, expected ${expected} ± ${tolerance}`);

test('reference pages score as the published method says', () => {
  // [DOM elements, requests, KB transferred, score, grade]
  for (const [dom, requests, kb, expected, letter] of [
    [100, 100, 100, 72, 'B'],
    [2355, 267, 2493, 10, 'G'],
    [240, 20, 331, 83, 'A'],
  ]) {
    const s = score(dom, requests, kb);
    assert.equal(Math.round(s), expected, `score(${dom}, ${requests}, ${kb}) = ${s}`);
    assert.equal(grade(s), letter, `grade of score(${dom}, ${requests}, ${kb}) = ${s}`);
  }
  near(score(100, 100, 100), 72.0158, 0.001, 'score(100, 100, 100)');
  near(score(2355, 267, 2493), 9.8735, 0.001, 'score(2355, 267, 2493)');
  near(score(240, 20, 331), 83.0043, 0.001, 'score(240, 20, 331)');
});

test('the weights are 3 for the DOM, 2 for requests, 1 for KB', () => {
  // One quantile step on one measure alone costs 5 * weight / 6 points.
  near(100 - score(47, 0, 0), (5 * 3) / 6, 1e-9, 'one DOM step');
  near(100 - score(0, 2, 0), (5 * 2) / 6, 1e-9, 'one request step');
  near(100 - score(0, 0, 1.37), (5 * 1) / 6, 1e-9, 'one KB step');
});

test('an empty page scores 100, a page beyond every table scores 0', () => {
  assert.equal(score(0, 0, 0), 100);
  assert.equal(score(594601, 3920, 223212.26), 0);
  assert.equal(score(10_000_000, 100_000, 10_000_000), 0);
});

test('quantile: table edges, interpolation, beyond the last bound', () => {
  for (const [name, table] of Object.entries(QUANTILES)) {
    assert.equal(table.length, 21, `${name} has 21 bounds`);
    for (let i = 1; i < table.length; i++) assert.ok(table[i] > table[i - 1], `${name} increases at ${i}`);
    assert.equal(quantile(table, 0), 0, `${name} at 0`);
    for (let i = 0; i < table.length; i++) assert.equal(quantile(table, table[i]), i, `${name} at bound ${i}`);
    assert.equal(quantile(table, table[20] * 10), 20, `${name} beyond the last bound`);
  }
  assert.equal(quantile(QUANTILES.requests, 1), 0.5);
  assert.equal(quantile(QUANTILES.dom, 61), 1.5);
  near(quantile(QUANTILES.dom, 594600), 20, 1e-5, 'just below the last DOM bound');
  assert.ok(quantile(QUANTILES.dom, 594600) < 20);
  assert.equal(quantile(QUANTILES.kb, 144.7), 2);
});

test('quantile refuses a measure that is not a number >= 0', () => {
  for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, undefined, '12']) {
    assert.throws(() => quantile(QUANTILES.dom, bad), RangeError, String(bad));
  }
});

test('grade boundaries: a score must exceed a threshold to reach its grade', () => {
  for (const [value, letter] of [
    [100, 'A'], [80.01, 'A'], [80, 'B'], [70.01, 'B'], [70, 'C'], [55.01, 'C'], [55, 'D'], [40.01, 'D'], [40, 'E'],
    [25.01, 'E'], [25, 'F'], [10.01, 'F'], [10, 'G'], [0, 'G'],
  ]) {
    assert.equal(grade(value), letter, `grade(${value})`);
  }
});
