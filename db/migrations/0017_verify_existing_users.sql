-- Custom SQL migration file, put your code below! --
-- Hand-written (issue 19): sign-in now requires a verified address. Everyone who signed up
-- before verification existed could never have verified, and must not be locked out.
UPDATE `user` SET `email_verified` = 1 WHERE `email_verified` = 0;
