import { describe, expect, it } from 'vitest';
import { emailIdentity } from './effect-identity.js';
import { messageIdFor } from './message-id.js';

describe('the identity of an email job', () => {
  it('is the custom id itself, whenever the job was created', () => {
    const first = emailIdentity({ id: 'invoice-email-3f6c2a9e', timestamp: 1 });
    const again = emailIdentity({ id: 'invoice-email-3f6c2a9e', timestamp: 2 });

    expect(first).toBe(again);
  });

  it('tells apart two jobs that got the same counter id at different times', () => {
    const before = emailIdentity({ id: '38', timestamp: 1_780_000_000_000 });
    const afterRedisLostItsData = emailIdentity({ id: '38', timestamp: 1_780_000_500_000 });

    expect(messageIdFor(before, 'example.test')).not.toBe(
      messageIdFor(afterRedisLostItsData, 'example.test'),
    );
  });

  it('is the same for every attempt of one counter-id job', () => {
    const job = { id: '38', timestamp: 1_780_000_000_000 };

    expect(emailIdentity(job)).toBe(emailIdentity({ ...job }));
  });
});
