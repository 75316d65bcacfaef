import { describe, expect, it } from 'vitest';
import { changePasswordSchema, newPasswordSchema, signUpSchema } from './auth.schema';

const person = { name: 'Erin Example', email: 'erin.example@acme.test', organizationName: 'Acme Payments' };

async function passwordIssues(password: string) {
  const parsed = await signUpSchema.safeParseAsync({ ...person, password });
  return parsed.success ? [] : parsed.error.issues.filter((i) => i.path[0] === 'password').map((i) => i.message);
}

describe('the password rule at sign-up', () => {
  it.each([
    ['aaaaaaaa', /repeated characters/i],
    ['        ', /repeated characters/i],
    ['erin.example@acme.test', /your name, your email address/i],
    ['ErinExample1', /too easy to guess/i],
    ['acme payments', /too easy to guess/i],
    ['demarc-demo-2026', /published demo password/i],
    ['Demarc-Demo-2026', /too easy to guess/i],
    ['password123', /commonly used/i],
    ['qwertyuiop', /too easy to guess/i],
  ])('refuses %j and says why', async (password, why) => {
    const issues = await passwordIssues(password);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^This password is too easy to guess\./);
    expect(issues[0]).toMatch(why);
  });

  it('accepts an uncommon passphrase', async () => {
    expect(await passwordIssues('copper kettle orbits quietly')).toEqual([]);
    expect(await passwordIssues('a perfectly long passphrase')).toEqual([]);
  });

  it('gives one message for a password that is too short, not a strength lecture too', async () => {
    expect(await passwordIssues('short')).toEqual(['Use at least 8 characters.']);
  });

  it('checks strength for a password set without knowing its person (e.g. by an admin)', async () => {
    expect((await newPasswordSchema.safeParseAsync('aaaaaaaa')).success).toBe(false);
    expect((await newPasswordSchema.safeParseAsync('demarc-demo-2026')).success).toBe(false);
    expect((await newPasswordSchema.safeParseAsync('copper kettle orbits quietly')).success).toBe(true);
  });
});

describe('changePasswordSchema', () => {
  const schema = changePasswordSchema(person);
  const issues = async (input: { currentPassword: string; newPassword: string; confirmPassword: string }) => {
    const parsed = await schema.safeParseAsync(input);
    return parsed.success ? {} : parsed.error.flatten().fieldErrors;
  };

  it('applies the sign-up rule to the new password, with the person known', async () => {
    const current = 'copper kettle orbits quietly';
    expect(await issues({ currentPassword: current, newPassword: 'erin example', confirmPassword: 'erin example' })).toMatchObject({
      newPassword: [expect.stringMatching(/your name, your email address/)],
    });
    expect(await issues({ currentPassword: current, newPassword: current, confirmPassword: current })).toMatchObject({
      newPassword: ['Choose a password other than your current one.'],
    });
    expect(await issues({ currentPassword: current, newPassword: `${current}!`, confirmPassword: `${current}!` })).toMatchObject({
      newPassword: [expect.stringMatching(/too easy to guess/)],
    });
  });

  it('needs the new password twice and the current one', async () => {
    expect(await issues({ currentPassword: '', newPassword: 'violet harbor lanterns drift', confirmPassword: 'violet harbour' })).toEqual({
      currentPassword: ['Enter your current password.'],
      confirmPassword: ['This does not match the new password.'],
    });
    expect(
      await issues({
        currentPassword: 'anything',
        newPassword: 'violet harbor lanterns drift',
        confirmPassword: 'violet harbor lanterns drift',
      }),
    ).toEqual({});
  });
});
