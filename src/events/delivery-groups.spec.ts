import type { ClaimedDelivery } from './event-delivery.repository.js';
import { deliveryGroups } from './event-dispatcher.service.js';

const delivery = (id: string, subscriber: string, orderKey: string): ClaimedDelivery => ({
  id,
  subscriber,
  endpointId: null,
  orderKey,
  attempts: 0,
  firstAttemptAt: null,
  event: {
    id,
    type: 'call.started',
    occurredAt: '',
    callSid: orderKey,
    sequence: 1,
    data: {},
  } as ClaimedDelivery['event'],
});

describe('deliveryGroups', () => {
  it('groups a claim by subscriber and call, keeping the claim order within each', () => {
    const claimed = [
      delivery('1', 'endpoint:a', 'CA1'),
      delivery('2', 'endpoint:a', 'CA2'),
      delivery('3', 'handler:Crm.sync', 'CA1'),
      delivery('4', 'endpoint:a', 'CA1'),
      delivery('5', 'endpoint:a', ''),
    ];

    expect(deliveryGroups(claimed).map((group) => group.map((each) => each.id))).toEqual([
      ['1', '4'],
      ['2'],
      ['3'],
      ['5'],
    ]);
  });

  it('makes no group of an empty claim', () => {
    expect(deliveryGroups([])).toEqual([]);
  });
});
