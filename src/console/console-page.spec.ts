import { adminBaseFrom, isAssetName, pageWithAdminBase, pathSegments } from './console-page.js';

describe('adminBaseFrom', () => {
  it.each([
    ['console', 'admin', '../admin'],
    ['/console/', 'admin', '../admin'],
    ['ops/console', 'admin', '../../admin'],
    ['console', 'ivr/admin', '../ivr/admin'],
    ['', 'admin', 'admin'],
  ])('from console %j to admin %j is %j', (consolePath, adminPath, expected) => {
    expect(adminBaseFrom(consolePath, adminPath)).toBe(expected);
  });
});

describe('pathSegments', () => {
  it('drops empty segments', () => {
    expect(pathSegments('//ops//console/')).toEqual(['ops', 'console']);
  });
});

describe('pageWithAdminBase', () => {
  const page = '<head><meta name="ivr-admin-base" content="../admin" /></head>';

  it('fills in the admin base', () => {
    expect(pageWithAdminBase(page, '../../ivr/admin')).toBe(
      '<head><meta name="ivr-admin-base" content="../../ivr/admin" /></head>',
    );
  });

  it('refuses a build without the meta tag', () => {
    expect(() => pageWithAdminBase('<head></head>', '../admin')).toThrow(/ivr-admin-base/);
  });
});

describe('isAssetName', () => {
  it.each([
    ['index-BXRgch-C.js', true],
    ['index-DL8uyLWd.css', true],
    ['chart.min.js', true],
    ['../secrets.js', false],
    ['.env', false],
    ['index.html', false],
    ['a/b.js', false],
    ['index.js.map', false],
  ])('%j → %s', (name, expected) => {
    expect(isAssetName(name)).toBe(expected);
  });
});
