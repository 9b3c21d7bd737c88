-- Single sign-on: a school's OpenID Connect provider, the trips to it, and the one-time codes
-- that hand a finished sign-in to the web app.

-- CreateTable
CREATE TABLE "SchoolSignOnProvider" (
    "id" UUID NOT NULL,
    "schoolId" UUID NOT NULL,
    "issuer" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecret" TEXT NOT NULL,
    "allowedDomains" TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SchoolSignOnProvider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignOnAttempt" (
    "id" UUID NOT NULL,
    "stateHash" TEXT NOT NULL,
    "browserKeyHash" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "codeVerifier" TEXT NOT NULL,
    "schoolId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SignOnAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignOnHandoff" (
    "id" UUID NOT NULL,
    "codeHash" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SignOnHandoff_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SchoolSignOnProvider_schoolId_key" ON "SchoolSignOnProvider"("schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "SignOnAttempt_stateHash_key" ON "SignOnAttempt"("stateHash");

-- CreateIndex
CREATE INDEX "SignOnAttempt_expiresAt_idx" ON "SignOnAttempt"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "SignOnHandoff_codeHash_key" ON "SignOnHandoff"("codeHash");

-- CreateIndex
CREATE INDEX "SignOnHandoff_expiresAt_idx" ON "SignOnHandoff"("expiresAt");

-- AddForeignKey
ALTER TABLE "SchoolSignOnProvider" ADD CONSTRAINT "SchoolSignOnProvider_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignOnHandoff" ADD CONSTRAINT "SignOnHandoff_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
