import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toFileInfo, type NewFile } from '../../storage/stores.ts';
import { T, newFile, image, type ContractKit } from './fixtures.ts';

export function filesContract({ withDm }: ContractKit): void {
  test('files: insert, get and delete; storageNames lists every original and thumbnail', async (t) => {
    const { stores, a, b, room } = await withDm(t);
    const { rooms, files } = stores;
    assert.deepEqual(await files.storageNames(), new Set());
    const doc = newFile(a.id, room);
    const docId = await files.insert(doc, T);
    assert.deepEqual(await files.get(docId), { ...doc, id: docId, createdAt: T });
    const pic = image(b.id, room);
    const picId = await files.insert(pic, T + 1);
    const avatar = newFile(a.id, null, { kind: 'avatar', mime: 'image/webp' });
    const avatarId = await files.insert(avatar, T + 2);
    assert.equal(new Set([docId, picId, avatarId]).size, 3);
    assert.deepEqual(await files.get(avatarId), { ...avatar, id: avatarId, createdAt: T + 2 });
    assert.deepEqual(await files.storageNames(), new Set([doc.storageName, pic.storageName, pic.thumbName!, avatar.storageName]));

    await files.delete(picId);
    assert.equal(await files.get(picId), undefined);
    assert.deepEqual(await files.storageNames(), new Set([doc.storageName, avatar.storageName]));
    assert.deepEqual(await files.get(docId), { ...doc, id: docId, createdAt: T }, 'the others stay');
    assert.equal(await files.get(picId + 1000), undefined);
  });

  test("files: shared lists a room's posted files newest first, by kind, page by page, without deleted messages", async (t) => {
    const { stores, a, b, room } = await withDm(t);
    const { rooms, messages, files } = stores;
    const elsewhere = await rooms.createGroup(a.id, 'elsewhere', [b.id]);
    const postFile = async (file: NewFile, at: number, roomId = room) => {
      const id = await files.insert(file, at);
      const info = toFileInfo((await files.get(id))!);
      const message = await messages.append(roomId, file.uploaderId, '', info, at + 5);
      return { ...info, messageId: message.id, senderId: file.uploaderId, createdAt: at + 5 };
    };
    const img1 = await postFile(image(a.id, room), T + 100);
    const doc1 = await postFile(newFile(b.id, room), T + 200);
    const gone = await postFile(newFile(a.id, room), T + 300);
    const img2 = await postFile(image(b.id, room), T + 400);
    await postFile(newFile(a.id, elsewhere), T + 450, elsewhere);
    const doc2 = await postFile(newFile(a.id, room), T + 500);
    await files.insert(newFile(a.id, room), T + 600); // uploaded, never posted
    await files.insert(newFile(a.id, null, { kind: 'avatar' }), T + 700);
    await messages.markDeleted(gone.messageId);

    assert.deepEqual(await files.shared(room, undefined, undefined, 10), { files: [doc2, img2, doc1, img1], hasMore: false });
    assert.deepEqual(await files.shared(room, 'image', undefined, 10), { files: [img2, img1], hasMore: false });
    assert.deepEqual(await files.shared(room, 'file', undefined, 10), { files: [doc2, doc1], hasMore: false });

    const first = await files.shared(room, undefined, undefined, 2);
    assert.deepEqual(first, { files: [doc2, img2], hasMore: true });
    assert.deepEqual(await files.shared(room, undefined, first.files[1]!.id, 2), { files: [doc1, img1], hasMore: false });
    assert.deepEqual(await files.shared(room, 'file', undefined, 1), { files: [doc2], hasMore: true });
    assert.deepEqual(await files.shared(room, 'file', doc2.id, 1), { files: [doc1], hasMore: false });
    assert.deepEqual(await files.shared(room, 'image', img1.id, 5), { files: [], hasMore: false });
    const empty = await rooms.createGroup(a.id, 'empty', []);
    assert.deepEqual(await files.shared(empty, undefined, undefined, 10), { files: [], hasMore: false });
  });
}
