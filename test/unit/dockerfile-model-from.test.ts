import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel } from '../../server/src/engine/dockerfile/model';

// buildModel reads each FROM's arguments once instead of through dockerfile-ast's accessors (issue 12:
// they re-tokenise on every call). What it reads must be what those accessors answer, flags included.
const froms = [
  'FROM python:3.12 AS build',
  'FROM --platform=linux/amd64 python:3.12 AS build',
  'FROM --platform=$BUILDPLATFORM --foo python AS Build',
  'FROM a--b --platform=x python as b2',
  'FROM -- python AS c',
  'FROM --platform=x',
  'FROM python:3.12 AS',
  'FROM python:3.12 NOT alias',
  'FROM quay.io/cdis/${IMAGE:-python}:${TAG} AS d',
  'FROM python:3.12 \\\n  AS e',
  'FROM --platform=x \\\n  python AS f',
  'FROM scratch',
  'FROM',
];

describe('buildModel reads FROM as dockerfile-ast does', () => {
  for (const line of froms) {
    it(JSON.stringify(line), () => {
      const text = `ARG TAG=1\n${line}\nRUN true\n`;
      const { stages } = buildModel(text);
      assert.equal(stages.length, 1);
      const [{ from, alias, image }] = stages;
      assert.equal(alias, from.getBuildStage() ?? undefined, 'alias');
      const written = from.getImage();
      if (written) assert.deepEqual(image!.range, from.getImageRange(), 'image range');
      else assert.equal(image, undefined, 'no image');
    });
  }
  it('expands USER only when it names a variable, as getExpandedArguments does', () => {
    const text = 'FROM python:3.12\nENV RUNAS=root\nUSER $RUNAS\nUSER gen3:gen3\nUSER ${NOBODY}\nUSER 1000\n';
    const [stage] = buildModel(text).stages;
    assert.deepEqual(
      stage.users.map((u) => u.value),
      ['root', 'gen3:gen3', undefined, '1000'],
    );
    assert.deepEqual(
      stage.users.map((u) => u.range.start.character),
      [5, 5, 5, 5],
    );
  });

  it('reads the image past the flags', () => {
    const [stage] = buildModel('FROM --platform=linux/amd64 python:3.12 AS build\n').stages;
    assert.equal(stage.image?.ref.text, 'python:3.12');
    assert.equal(stage.alias, 'build');
  });
});
