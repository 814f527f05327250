import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isProblem, levelName, parseLogLine } from './log-line.ts';

test('pino lines become time, level, message and the details worth reading', () => {
  const e = parseLogLine('{"level":40,"time":1700000000000,"pid":1,"hostname":"pc","setupCode":"1234-5678","msg":"No admin yet"}');
  assert.equal(e.structured, true);
  assert.equal(e.level, 'warn');
  assert.equal(e.time, 1700000000000);
  assert.equal(e.msg, 'No admin yet');
  assert.equal(e.error, null);
  assert.equal(e.details, 'setupCode=1234-5678');
  const err = parseLogLine('{"level":50,"time":1,"err":{"message":"boom","stack":"long"},"msg":"failed"}');
  assert.equal(err.error, 'boom');
  assert.equal(err.details, 'err=boom');
  assert.ok(isProblem(err.level));
  assert.equal(levelName(60), 'fatal');
  assert.equal(levelName(10), 'trace');
});

test('a line that is not a JSON object is its own message', () => {
  const plain = { structured: false, time: null, level: 'info', msg: 'not json', error: null, details: '' };
  assert.deepEqual(parseLogLine('not json'), plain);
  assert.deepEqual(parseLogLine('[1,2]'), { ...plain, msg: '[1,2]' });
  assert.deepEqual(parseLogLine('null'), { ...plain, msg: 'null' });
  assert.deepEqual(parseLogLine('"text"'), { ...plain, msg: '"text"' });
});

test('odd fields: missing ones are empty, objects are JSON, an err without a message is kept whole', () => {
  const e = parseLogLine('{"level":30,"req":{"method":"GET","url":"/"},"n":3,"err":"just text"}');
  assert.deepEqual(
    { time: e.time, msg: e.msg, error: e.error, details: e.details },
    { time: null, msg: '', error: null, details: 'req={"method":"GET","url":"/"} n=3 err=just text' },
  );
});

test('level numbers between and beyond pino’s read as the level below; names pass through', () => {
  assert.equal(levelName(35), 'info');
  assert.equal(levelName(70), 'fatal');
  assert.equal(levelName(-5), 'info');
  assert.equal(levelName('error'), 'error');
  assert.equal(levelName('loud'), 'info');
  assert.equal(levelName(undefined), 'info');
  assert.deepEqual(['trace', 'debug', 'info', 'warn', 'error', 'fatal'].map((l) => isProblem(levelName(l))), [false, false, false, true, true, true]);
});
