import { describe, expect, it } from 'vitest';
import { endpointKey, isSuccess, nearestSuccess, pathTemplate } from '../../../src/analysis/index.ts';

describe('pathTemplate', () => {
  it.each([
    ['/orders/17', '/orders/{id}'],
    ['/orders/17/items/3', '/orders/{id}/items/{id}'],
    ['/users/3f2504e0-4f89-11d3-9a0c-0305e82c3301/keys', '/users/{id}/keys'],
    ['/objects/507f1f77bcf86cd799439011', '/objects/{id}'],
    ['/commits/da39a3ee5e6b4b0d3255bfef95601890afd80709', '/commits/{id}'],
    ['/hex/deadbeefdeadbeef', '/hex/{id}'],
    // words of a-f letters, short hex words and names stay
    ['/facade/deadbeef', '/facade/deadbeef'],
    ['/api/v1/me', '/api/v1/me'],
    ['/api/v2/orders/', '/api/v2/orders'],
    ['/', '/'],
    ['', ''],
  ])('%s -> %s', (path, want) => expect(pathTemplate(path)).toBe(want));
});

describe('endpointKey', () => {
  it('is origin, method and path template; the query is left out', () => {
    expect(endpointKey('https://api.example.com/orders/17?x=1', 'get')).toBe('GET https://api.example.com/orders/{id}');
    expect(endpointKey('https://api.example.com/orders/17', 'GET')).toBe(
      endpointKey('https://api.example.com/orders/42?cursor=abc', 'GET'),
    );
    expect(endpointKey('https://api.example.com/orders/17', 'GET')).not.toBe(
      endpointKey('https://api.example.com/orders/17', 'POST'),
    );
    expect(endpointKey('https://api.example.com/orders/17', 'GET')).not.toBe(
      endpointKey('http://api.example.com/orders/17', 'GET'),
    );
    expect(endpointKey('not a url', 'GET')).toBeUndefined();
  });
});

describe('nearestSuccess', () => {
  const at = (url: string, status: number, timeStamp: number, method = 'GET') => ({ url, method, status, timeStamp });
  const failure = at('https://a.example/orders/9', 401, 1000);
  it('takes the last success to the same endpoint before, else the first after', () => {
    const list = [
      at('https://a.example/orders/1', 200, 100),
      at('https://a.example/orders/2', 200, 500),
      at('https://a.example/orders/3', 200, 1500),
      at('https://a.example/orders/4', 200, 1200),
      at('https://a.example/other', 200, 900),
      at('https://a.example/orders/5', 500, 900),
      at('https://a.example/orders/6', 200, 950, 'POST'),
    ];
    expect(nearestSuccess(failure, list)).toBe(1);
    expect(nearestSuccess(failure, list.slice(2))).toBe(1);
    expect(nearestSuccess(failure, list.slice(2), { beforeOnly: true })).toBe(-1);
    expect(nearestSuccess(failure, [])).toBe(-1);
  });
  it('counts 2xx and 304 as successes, never the subject itself', () => {
    expect([200, 204, 299, 304].every(isSuccess)).toBe(true);
    expect([0, 199, 301, 401, 403, 500].some(isSuccess)).toBe(false);
    const self = at('https://a.example/orders/9', 200, 1000);
    expect(nearestSuccess(self, [self])).toBe(-1);
  });
});
