import { nonJsonBodyType } from './json-body.js';

describe('nonJsonBodyType', () => {
  it.each([
    ['POST', { 'content-type': 'application/json', 'content-length': '12' }],
    ['PATCH', { 'content-type': 'application/json; charset=utf-8', 'content-length': '12' }],
    ['PUT', { 'content-type': 'Application/JSON', 'transfer-encoding': 'chunked' }],
  ])('lets a %s with a JSON body through (%j)', (method, headers) => {
    expect(nonJsonBodyType(method, headers)).toBeNull();
  });

  it.each([
    [
      'POST',
      { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '40' },
      'application/x-www-form-urlencoded',
    ],
    ['PATCH', { 'content-type': 'text/plain;charset=UTF-8', 'content-length': '40' }, 'text/plain'],
    [
      'PUT',
      { 'content-type': 'multipart/form-data; boundary=x', 'transfer-encoding': 'chunked' },
      'multipart/form-data',
    ],
    ['POST', { 'content-type': 'application/merge-patch+json', 'content-length': '2' }, 'application/merge-patch+json'],
    ['post', { 'content-length': '2' }, 'none'],
  ])('names the media type of a %s whose body is not JSON (%j)', (method, headers, type) => {
    expect(nonJsonBodyType(method, headers)).toBe(type);
  });

  it.each([
    ['DELETE', {}],
    ['POST', { 'content-length': '0' }],
    ['PATCH', { 'content-type': 'text/plain', 'content-length': '0' }],
    ['GET', { 'content-type': 'text/plain', 'content-length': '5' }],
    ['DELETE', { 'content-type': 'text/plain', 'content-length': '5' }],
  ])('has nothing to refuse in a %s without a body to read (%j)', (method, headers) => {
    expect(nonJsonBodyType(method, headers)).toBeNull();
  });
});
