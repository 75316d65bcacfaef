-- AlterEnum: on its own, because a new enum value cannot be used in the transaction that adds it.
ALTER TYPE "ImplementationStatus" ADD VALUE 'NOT_STARTED' BEFORE 'IMPLEMENTED';
