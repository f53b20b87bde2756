import { operatorHeaders } from './operator-headers';

describe('operatorHeaders', () => {
  it('lower-cases the names, keeping the values', () => {
    expect(operatorHeaders({ headers: { Authorization: 'Bearer x', 'X-Title': 'App' } })).toEqual({
      authorization: 'Bearer x',
      'x-title': 'App',
    });
  });
});
