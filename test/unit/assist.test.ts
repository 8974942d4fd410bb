import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinProfile, catalogFor } from '../../server/src/engine';
import { completeImage } from '../../server/src/assist/complete';
import { hoverImage } from '../../server/src/assist/hover';

const gen3 = catalogFor(builtinProfile('gen3')!);
const defra = catalogFor(builtinProfile('defra')!);
const B = 'quay.io/cdis/amazonlinux-base';

function labels(text: string, line: number, character: number, catalog = gen3): string[] | undefined {
  return completeImage(text, { line, character }, catalog)?.map((c) => c.label);
}

describe('image completion (engine)', () => {
  it('a partly typed tag is replaced whole', () => {
    const [first] = completeImage(`FROM ${B}:3.1\n`, { line: 0, character: 38 }, gen3)!;
    assert.deepEqual(first.range, { start: { line: 0, character: 35 }, end: { line: 0, character: 38 } });
  });

  it("preselects the profile's recommended application image among the tags, not the first stable tag", () => {
    const tags = completeImage(`FROM ${B}:\n`, { line: 0, character: 35 }, gen3)!;
    assert.deepEqual(
      tags.filter((t) => t.preselect).map((t) => t.label),
      ['3.13-pythonbase'],
    );
    assert.notEqual(tags[0].label, '3.13-pythonbase', 'the order stays as it was; only the selection moves');
  });

  it('offers earlier stages after FROM, and nothing past the image or inside a flag', () => {
    assert.deepEqual(labels(`FROM ${B}:3.13-buildbase AS builder\nFROM \n`, 1, 5), [B, 'builder']);
    assert.equal(labels(`FROM ${B}:3.13-pythonbase AS \n`, 0, 54), undefined);
    assert.equal(labels('FROM --platform=linux/amd64 \n', 0, 12), undefined);
  });

  it('after FROM --platform=… the image still completes', () => {
    assert.deepEqual(labels('FROM --platform=linux/amd64 \n', 0, 28), [B]);
  });

  it('tags of an unapproved repository: none (and no Docker Hub look-up)', () => {
    assert.deepEqual(labels('FROM python:\n', 0, 12), []);
  });

  it("through a known mirror, the approved repository's tags", () => {
    const mirror = '707767160287.dkr.ecr.us-east-1.amazonaws.com/gen3/amazonlinux-base:';
    assert.ok(labels(`FROM ${mirror}\n`, 0, 5 + mirror.length)?.includes('3.13-pythonbase'));
  });

  it('Defra tags come in their <version>-python<X.Y.Z> and latest-<X.Y> forms, stable and newest release first', () => {
    const tags = labels('FROM defradigital/python:\n', 0, 25, defra)!;
    assert.deepEqual(tags.slice(0, 3), ['2.7.0-python3.14.6', '2.7.0-python3.13.14', '2.7.0-python3.12.13']);
    assert.ok(tags.includes('latest-3.13'));
    assert.ok(tags.includes('latest-3.14'));
    assert.ok(!tags.includes('1.0.0-python3.12.10'), 'a release Defra never published is not offered');
  });

  it('an ARG that stands for the whole image gets whole references', () => {
    assert.ok(labels('ARG BASE=\nFROM ${BASE}\n', 0, 9)?.includes(`${B}:3.13-pythonbase`));
    assert.equal(labels('ARG OTHER=\nFROM x\n', 0, 10), undefined);
  });

  it('no completions elsewhere', () => {
    assert.equal(labels('RUN echo\n', 0, 8), undefined);
  });
});

describe('image hover (engine)', () => {
  it('a feature-branch tag names its stable equivalent', () => {
    const hover = hoverImage(`FROM ${B}:feat_x-3.13-pythonbase\n`, { line: 0, character: 40 }, gen3)!;
    assert.match(hover.contents, /feature-branch tag/);
    assert.match(hover.contents, /Stable equivalent: `3\.13-pythonbase`/);
  });

  it('a deprecated tag says what to use instead; a mirror says it is one', () => {
    assert.match(hoverImage(`FROM ${B}:latest-pythonbase\n`, { line: 0, character: 8 }, gen3)!.contents, /deprecated[\s\S]*Use `3\.13-pythonbase` instead/);
    const mirror = hoverImage('FROM 707767160287.dkr.ecr.us-east-1.amazonaws.com/gen3/amazonlinux-base:hardened\n', { line: 0, character: 8 }, gen3)!;
    assert.match(mirror.contents, /^Mirror of `quay\.io\/cdis\/amazonlinux-base`/);
  });

  it('an earlier stage, an unresolved variable and an unapproved image', () => {
    assert.match(
      hoverImage(`FROM ${B}:3.13-buildbase AS builder\nFROM builder\n`, { line: 1, character: 7 }, gen3)!.contents,
      /Build stage `builder` \(line 1\)/,
    );
    assert.match(hoverImage('ARG X\nFROM ${X}\n', { line: 1, character: 7 }, gen3)!.contents, /`X` has no value/);
    assert.match(hoverImage('FROM python:3.13\n', { line: 0, character: 7 }, gen3)!.contents, /not an approved repository/);
  });

  it('nothing outside an image reference', () => {
    assert.equal(hoverImage(`FROM ${B}:3.13-pythonbase\nRUN x\n`, { line: 1, character: 2 }, gen3), undefined);
  });
});
