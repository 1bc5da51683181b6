import type { JobChannel } from './employment';

// Which 就业帮扶 measure (JY01–JY06 of resources/measure-catalog.json) a job spell carries out,
// so a case's risk coverage counts the job (EMPLOYMENT-FUNDS §1.2 "Links").

export function measureCodeForChannel(channel: JobChannel): 'JY01' | 'JY02' | 'JY03' | 'JY04' {
  switch (channel) {
    case 'welfarePost':
      return 'JY02';
    case 'workshop':
      return 'JY03';
    case 'workRelief':
      return 'JY04';
    default:
      return 'JY01';
  }
}
