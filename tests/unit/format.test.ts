import { describe, expect, it } from 'vitest';
import { formatFactValue } from '../../src/ui/format';

const fact = (value: number, unit_zh: string, unit_en: string) => ({ value, unit_zh, unit_en });

describe('formatFactValue', () => {
  it('shows 亿元 as billions or trillions of yuan in English', () => {
    expect(formatFactValue(fact(8000, '亿元', '100 million yuan'), 'en')).toBe('800 billion yuan');
    expect(formatFactValue(fact(10700, '亿元', '100 million yuan'), 'en')).toBe('1.07 trillion yuan');
    expect(formatFactValue(fact(300, '亿元', '100 million yuan'), 'en')).toBe('30 billion yuan');
  });
  it('keeps 亿元 in Chinese and writes 10 000 亿 as 万亿', () => {
    expect(formatFactValue(fact(8000, '亿元', '100 million yuan'), 'zh')).toBe('8,000亿元');
    expect(formatFactValue(fact(10700, '亿元', '100 million yuan'), 'zh')).toBe('1.07万亿元');
  });
  it('writes round counts of 万 as the documents do in Chinese, digits in English', () => {
    expect(formatFactValue(fact(250000, '人', 'people'), 'zh')).toBe('25万人');
    expect(formatFactValue(fact(250000, '人', 'people'), 'en')).toBe('250,000 people');
    expect(formatFactValue(fact(2421, '家', 'firms'), 'zh')).toBe('2,421家');
  });
  it('joins percentages to the number', () => {
    expect(formatFactValue(fact(78.7, '%', '%'), 'en')).toBe('78.7%');
    expect(formatFactValue(fact(78.7, '%', '%'), 'zh')).toBe('78.7%');
  });
});
