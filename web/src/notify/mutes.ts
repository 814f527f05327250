import { MUTES_MAX, muteOf } from '../../../server/protocol/settings.ts';
import { changeSettings } from '../state/settings.ts';
import { getState } from '../state/store.ts';
import { muteUntil, type MuteChoice } from './decide.ts';

// Muting and unmuting a room: the settings' `mutes` list is saved as a whole (the settings
// contract), with this room's entry replaced. Past MUTES_MAX the oldest-ending mutes give way.

export function muteRoom(roomId: number, choice: MuteChoice, now = new Date()): Promise<void> {
  const others = getState().settings.mutes.filter((m) => m.roomId !== roomId);
  const kept = others.length >= MUTES_MAX ? others.slice(others.length - MUTES_MAX + 1) : others;
  return changeSettings({ mutes: [...kept, { roomId, until: muteUntil(choice, now) }] });
}

export function unmuteRoom(roomId: number): Promise<void> {
  return changeSettings({ mutes: getState().settings.mutes.filter((m) => m.roomId !== roomId) });
}

export function roomMute(roomId: number, now = Date.now()) {
  return muteOf(getState().settings, roomId, now);
}
