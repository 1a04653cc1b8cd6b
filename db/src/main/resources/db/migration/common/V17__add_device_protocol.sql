-- Which generation of the WSO2 push protocol a device registered with: WSO2_PUSH (generation 2, "push", every device
-- so far) or WSO2_PUSH_AUTH (generation 1, "push-auth", only while the compatibility profile is on). A device gets
-- push data and may sign tokens in the form of its own generation only.
ALTER TABLE device ADD COLUMN protocol VARCHAR(16) DEFAULT 'WSO2_PUSH' NOT NULL;
ALTER TABLE device ADD CONSTRAINT ck_device_protocol CHECK (protocol IN ('WSO2_PUSH', 'WSO2_PUSH_AUTH'));
