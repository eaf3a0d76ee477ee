import { portInUseMessage, startUpBanner } from './start-up-banner.js';

describe('startUpBanner', () => {
  it('shows the URL, the development token, the docs and commands ready to paste', () => {
    expect(startUpBanner({ port: 3001, developmentAdminToken: 'abc123' })).toBe(
      [
        '',
        '  Twilio IVR backend ready on http://localhost:3001',
        '    Twilio Voice URL   http://localhost:3001/voice/incoming',
        '    Admin token        abc123',
        '    Console            http://localhost:3001/console/ (sign in with the admin token)',
        '    API docs           http://localhost:3001/docs',
        '    Try a call         npm run call -- --digits 1',
        '    Try the admin API  curl -H "Authorization: Bearer abc123" http://localhost:3001/admin/departments',
        '',
      ].join('\n'),
    );
  });

  it('names the public URL for Twilio and never prints a token from ADMIN_TOKENS', () => {
    const sut = startUpBanner({ port: 3000, publicBaseUrl: 'https://ivr.example.com' });
    expect(sut).toContain('Twilio Voice URL   https://ivr.example.com/voice/incoming');
    expect(sut).toContain('Admin token        one of ADMIN_TOKENS');
    expect(sut).toContain('curl -H "Authorization: Bearer $ADMIN_TOKEN" http://localhost:3000/admin/departments');
  });
});

describe('portInUseMessage', () => {
  it('says which port and how to choose another', () => {
    expect(portInUseMessage(3000)).toBe('Port 3000 is in use: set PORT=… (or stop the other server)');
  });
});
