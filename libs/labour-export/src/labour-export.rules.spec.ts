import { provinceOf } from '@app/platform/geo';
import { exportProgress, followUpDue } from './labour-export.rules';

describe('labour export rules', () => {
  it('reads provinces as written into their full names', () => {
    expect(provinceOf('山西')).toBe('山西省');
    expect(provinceOf('山西省')).toBe('山西省');
    expect(provinceOf('江苏')).toBe('江苏省');
    expect(provinceOf('北京')).toBe('北京市');
    expect(provinceOf('内蒙古')).toBe('内蒙古自治区');
    expect(provinceOf('广西')).toBe('广西壮族自治区');
    expect(provinceOf('新疆')).toBe('新疆维吾尔自治区');
    expect(provinceOf(' 浙江 ')).toBe('浙江省');
    expect(provinceOf('火星')).toBeUndefined();
  });

  it('sums the trips toward 12 trips and 1,200 people', () => {
    expect(
      exportProgress(
        2,
        [
          { tripId: 'a', enrolled: 30, departed: 28, placed: 25, stillEmployed: 20 },
          { tripId: 'b', enrolled: 10, departed: 0, placed: 0, stillEmployed: 0 },
        ],
        { trips: 12, people: 1200 },
      ),
    ).toEqual({
      targetTrips: 12,
      targetPeople: 1200,
      trips: 2,
      enrolled: 40,
      departed: 28,
      placed: 25,
      stillEmployedAfter3Months: 20,
    });
  });

  it('the 3-month follow-up is due three calendar months after the start', () => {
    expect(followUpDue('2023-03-15')).toBe('2023-06-15');
    expect(followUpDue('2023-11-30')).toBe('2024-02-29');
  });
});
