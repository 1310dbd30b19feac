/**
 * Texts of the demo cases, in Malay and English: a title and description per category
 * of the reference catalogue, the technician's work log and resolution, and the common replies.
 * `{place}` is replaced by a campus location.
 */
import type { Language } from '../../common/enums';

interface Bilingual {
  ms: string;
  en: string;
}

export interface CategoryTexts {
  titles: Bilingual[];
  description: Bilingual;
  workLog: Bilingual;
  resolution: Bilingual;
}

const t = (ms: string, en: string): Bilingual => ({ ms, en });

export const categoryTexts: Record<string, CategoryTexts> = {
  'EMAIL-PASSWORD': {
    titles: [
      t('Terlupa kata laluan UTMID', 'Forgot my UTMID password'),
      t('Kata laluan tamat tempoh', 'Password expired'),
    ],
    description: t(
      'Saya tidak dapat log masuk kerana terlupa kata laluan. Mohon set semula kata laluan akaun saya.',
      'I cannot sign in because I forgot my password. Please reset the password of my account.',
    ),
    workLog: t(
      'Identiti pengguna disahkan melalui nombor staf/matrik. Kata laluan sementara dijana.',
      "Verified the user's identity by staff/matric number. Generated a temporary password.",
    ),
    resolution: t(
      'Kata laluan telah ditetapkan semula. Sila log masuk dengan kata laluan sementara dan tukar segera.',
      'Your password has been reset. Please sign in with the temporary password and change it at once.',
    ),
  },
  'EMAIL-UTMID': {
    titles: [
      t('Akaun UTMID dikunci', 'UTMID account locked'),
      t('Akaun UTMID belum aktif', 'UTMID account not activated'),
    ],
    description: t(
      'Akaun UTMID saya tidak dapat digunakan selepas beberapa kali cubaan log masuk.',
      'My UTMID account stopped working after several sign-in attempts.',
    ),
    workLog: t(
      'Semak log direktori: akaun dikunci oleh dasar cubaan gagal. Kunci dibuka.',
      'Checked the directory log: the account was locked by the failed-attempt policy. Unlocked it.',
    ),
    resolution: t(
      'Akaun UTMID anda telah diaktifkan semula.',
      'Your UTMID account is active again.',
    ),
  },
  'EMAIL-MAILBOX': {
    titles: [
      t('Peti mel penuh', 'Mailbox full'),
      t('E-mel tidak diterima daripada pihak luar', 'Not receiving e-mail from outside'),
    ],
    description: t(
      'Saya tidak menerima e-mel daripada pihak luar sejak semalam. Rakan di {place} juga mengalami masalah sama.',
      'I have not received e-mail from outside the university since yesterday. Colleagues at {place} have the same problem.',
    ),
    workLog: t(
      'Semak jejak mesej pada gerbang e-mel; peraturan penapis spam dikemas kini.',
      'Traced the messages on the mail gateway; updated the spam filter rule.',
    ),
    resolution: t(
      'Penapisan e-mel telah dibetulkan dan e-mel tertunda telah dihantar.',
      'The mail filter has been corrected and the held messages delivered.',
    ),
  },
  'EMAIL-OUTAGE': {
    titles: [t('E-mel universiti tidak dapat diakses', 'University e-mail unavailable')],
    description: t(
      'Semua staf di {place} tidak dapat membuka e-mel sejak pagi ini.',
      'All staff at {place} have been unable to open their e-mail since this morning.',
    ),
    workLog: t(
      'Perkhidmatan pengesahan dimulakan semula; pemantauan diteruskan.',
      'Restarted the authentication service; monitoring continues.',
    ),
    resolution: t(
      'Perkhidmatan e-mel telah pulih sepenuhnya.',
      'The e-mail service has been fully restored.',
    ),
  },
  'NET-EDUROAM': {
    titles: [
      t('Tidak dapat sambung ke eduroam', 'Cannot connect to eduroam'),
      t('Wi-Fi perlahan di kolej', 'Slow Wi-Fi at the residential college'),
    ],
    description: t(
      'Komputer riba saya tidak dapat bersambung ke Wi-Fi di {place}. Telefon pula bersambung tetapi sangat perlahan.',
      'My laptop cannot connect to the Wi-Fi at {place}. My phone connects but is very slow.',
    ),
    workLog: t(
      'Semak pengawal Wi-Fi: titik capaian di lokasi berkenaan dimulakan semula dan saluran ditukar.',
      'Checked the wireless controller: restarted the access point at the location and changed its channel.',
    ),
    resolution: t(
      'Capaian Wi-Fi di lokasi anda telah stabil semula.',
      'Wi-Fi access at your location is stable again.',
    ),
  },
  'NET-POINT': {
    titles: [
      t('Titik rangkaian tidak berfungsi', 'Network point not working'),
      t('Permohonan aktifkan titik rangkaian', 'Please activate a network point'),
    ],
    description: t(
      'Titik rangkaian di bilik saya di {place} tidak memberi sambungan internet.',
      'The network point in my room at {place} gives no internet connection.',
    ),
    workLog: t(
      'Uji kabel dan port suis; port dipindahkan ke VLAN yang betul.',
      'Tested the cable and the switch port; moved the port to the correct VLAN.',
    ),
    resolution: t(
      'Titik rangkaian telah diaktifkan dan diuji.',
      'The network point has been activated and tested.',
    ),
  },
  'NET-VPN': {
    titles: [t('VPN tidak dapat disambung dari rumah', 'VPN does not connect from home')],
    description: t(
      'Saya perlu mengakses sistem dalaman dari rumah tetapi VPN memaparkan ralat pengesahan.',
      'I need the internal systems from home but the VPN shows an authentication error.',
    ),
    workLog: t(
      'Profil VPN pengguna dikemas kini dan klien versi terkini dipasang.',
      "Updated the user's VPN profile and installed the current client.",
    ),
    resolution: t(
      'Sambungan VPN berjaya diuji bersama pengguna.',
      'The VPN connection was tested successfully with the user.',
    ),
  },
  'NET-OUTAGE': {
    titles: [t('Gangguan rangkaian di bangunan', 'Network outage in the building')],
    description: t(
      'Seluruh aras 2 di {place} tiada sambungan rangkaian berwayar dan Wi-Fi.',
      'The whole second floor of {place} has no wired or wireless network.',
    ),
    workLog: t(
      'Suis akses aras 2 rosak bekalan kuasa; suis gantian dipasang.',
      'The floor-2 access switch had a failed power supply; installed a replacement switch.',
    ),
    resolution: t(
      'Rangkaian di bangunan telah pulih.',
      'The network in the building has been restored.',
    ),
  },
  'APP-STUDENT': {
    titles: [
      t('Tidak dapat mendaftar kursus', 'Cannot register for courses'),
      t('Slip peperiksaan tidak dipaparkan', 'Exam slip not shown'),
    ],
    description: t(
      'Sistem maklumat pelajar memaparkan ralat semasa saya cuba mendaftar kursus semester ini.',
      'The student information system shows an error when I try to register for this semester’s courses.',
    ),
    workLog: t(
      'Semak rekod pelajar: status pembiayaan belum dikemas kini. Diselaraskan bersama pejabat akademik.',
      'Checked the student record: the sponsorship status was not updated. Aligned it with the academic office.',
    ),
    resolution: t(
      'Rekod anda telah dikemas kini; pendaftaran kursus kini boleh dibuat.',
      'Your record has been updated and course registration now works.',
    ),
  },
  'APP-HR': {
    titles: [t('Tidak dapat memohon cuti dalam sistem', 'Cannot apply for leave in the system')],
    description: t(
      'Butang hantar permohonan cuti dalam sistem sumber manusia tidak berfungsi.',
      'The submit button for leave applications in the human resources system does nothing.',
    ),
    workLog: t(
      'Ralat JavaScript dikesan pada pelayar lama; cache dikosongkan dan pelayar dikemas kini.',
      'Found a script error on an old browser; cleared the cache and updated the browser.',
    ),
    resolution: t(
      'Permohonan cuti kini boleh dihantar.',
      'Leave applications can be submitted again.',
    ),
  },
  'APP-FINANCE': {
    titles: [t('Ralat semasa menjana pesanan belian', 'Error when creating a purchase order')],
    description: t(
      'Sistem kewangan memaparkan ralat apabila saya menjana pesanan belian untuk jabatan di {place}.',
      'The finance system shows an error when I create a purchase order for the department at {place}.',
    ),
    workLog: t(
      'Kod vot jabatan tidak aktif untuk tahun kewangan semasa; dikemas kini bersama Bendahari.',
      "The department's budget code was inactive for this financial year; updated it with the Bursary.",
    ),
    resolution: t('Pesanan belian kini boleh dijana.', 'Purchase orders can now be created.'),
  },
  'APP-ELEARNING': {
    titles: [
      t('Kursus tidak muncul dalam e-pembelajaran', 'Course missing from e-learning'),
      t('Tidak dapat muat naik tugasan', 'Cannot upload an assignment'),
    ],
    description: t(
      'Kursus yang saya daftar tidak muncul dalam laman e-pembelajaran. Tarikh akhir tugasan ialah minggu ini.',
      'A course I registered for does not appear in e-learning. The assignment is due this week.',
    ),
    workLog: t(
      'Penyegerakan pendaftaran dari sistem pelajar dijalankan semula untuk kursus berkenaan.',
      'Ran the enrolment sync from the student system again for the course.',
    ),
    resolution: t(
      'Kursus kini dipaparkan dan tugasan boleh dimuat naik.',
      'The course now appears and assignments can be uploaded.',
    ),
  },
  'APP-ERROR': {
    titles: [
      t('Ralat 500 pada portal', 'Error 500 on the portal'),
      t('Laporan tidak dapat dicetak', 'Report cannot be printed'),
    ],
    description: t(
      'Portal universiti memaparkan "500 Internal Server Error" apabila saya membuka menu laporan.',
      'The university portal shows "500 Internal Server Error" when I open the reports menu.',
    ),
    workLog: t(
      'Log aplikasi menunjukkan sambungan pangkalan data tamat masa; kumpulan sambungan ditambah.',
      'The application log showed database connection timeouts; enlarged the connection pool.',
    ),
    resolution: t(
      'Ralat telah dibaiki dan menu laporan berfungsi semula.',
      'The error has been fixed and the reports menu works again.',
    ),
  },
  'HW-PC': {
    titles: [
      t('Komputer tidak dapat dihidupkan', 'Computer does not start'),
      t('Komputer riba sangat perlahan', 'Laptop very slow'),
    ],
    description: t(
      'Komputer di pejabat saya di {place} tidak dapat dihidupkan sejak pagi tadi.',
      'The computer in my office at {place} has not started since this morning.',
    ),
    workLog: t(
      'Bekalan kuasa komputer diuji dan diganti; sistem pengendalian disemak.',
      "Tested and replaced the computer's power supply; checked the operating system.",
    ),
    resolution: t(
      'Komputer telah dibaiki dan berfungsi seperti biasa.',
      'The computer has been repaired and works normally.',
    ),
  },
  'HW-PRINTER': {
    titles: [
      t('Pencetak tersekat kertas', 'Printer paper jam'),
      t('Tidak dapat mencetak ke pencetak rangkaian', 'Cannot print to the network printer'),
    ],
    description: t(
      'Pencetak rangkaian di {place} tidak mencetak walaupun kerja cetakan dihantar.',
      'The network printer at {place} prints nothing although jobs are sent.',
    ),
    workLog: t(
      'Baris gilir cetakan dikosongkan dan pemacu pencetak dipasang semula.',
      'Cleared the print queue and reinstalled the printer driver.',
    ),
    resolution: t('Pencetak berfungsi semula.', 'The printer works again.'),
  },
  'HW-PERIPHERAL': {
    titles: [
      t('Monitor berkelip', 'Monitor flickering'),
      t('Papan kekunci rosak', 'Keyboard broken'),
    ],
    description: t(
      'Monitor di meja saya di {place} berkelip dan kadangkala gelap.',
      'The monitor at my desk at {place} flickers and sometimes goes dark.',
    ),
    workLog: t(
      'Kabel paparan diganti; monitor diuji dengan komputer lain.',
      'Replaced the display cable; tested the monitor on another computer.',
    ),
    resolution: t('Peranti telah diganti dan diuji.', 'The device has been replaced and tested.'),
  },
  'SW-INSTALL': {
    titles: [
      t('Pemasangan MATLAB', 'Install MATLAB'),
      t('Pemasangan perisian statistik', 'Install statistics software'),
    ],
    description: t(
      'Saya memerlukan perisian ini dipasang pada komputer makmal di {place} untuk kelas minggu hadapan.',
      'I need this software installed on the lab computers at {place} for next week’s class.',
    ),
    workLog: t(
      'Perisian dipasang melalui alat pengedaran pada komputer makmal.',
      'Installed the software on the lab computers through the deployment tool.',
    ),
    resolution: t(
      'Perisian telah dipasang dan diuji.',
      'The software has been installed and tested.',
    ),
  },
  'SW-LICENCE': {
    titles: [t('Lesen perisian tamat tempoh', 'Software licence expired')],
    description: t(
      'Perisian memaparkan mesej lesen tamat tempoh pada komputer saya.',
      'The software says its licence has expired on my computer.',
    ),
    workLog: t(
      'Pelayan lesen disemak; komputer dihalakan ke pelayan lesen baharu.',
      'Checked the licence server; pointed the computer at the new licence server.',
    ),
    resolution: t('Lesen telah diaktifkan semula.', 'The licence has been activated again.'),
  },
  'SW-HOWTO': {
    titles: [
      t('Cara berkongsi fail dalam storan awan', 'How to share files in cloud storage'),
      t('Cara tetapkan tandatangan e-mel', 'How to set an e-mail signature'),
    ],
    description: t('Mohon panduan langkah demi langkah.', 'Please send step-by-step instructions.'),
    workLog: t(
      'Panduan disediakan dan dihantar kepada pengguna.',
      'Prepared the instructions and sent them to the user.',
    ),
    resolution: t(
      'Panduan telah dihantar; sila rujuk lampiran dalam balasan.',
      'The instructions have been sent; see the reply.',
    ),
  },
  'ABM-PROJECTOR': {
    titles: [t('Projektor dewan kuliah tidak berfungsi', 'Lecture-hall projector not working')],
    description: t(
      'Projektor di {place} tidak memaparkan apa-apa. Kuliah bermula dalam 30 minit.',
      'The projector at {place} shows nothing. The lecture starts in 30 minutes.',
    ),
    workLog: t(
      'Kabel HDMI dan suis input diganti; lampu projektor disemak.',
      "Replaced the HDMI cable and the input switch; checked the projector's lamp.",
    ),
    resolution: t('Projektor berfungsi semula.', 'The projector works again.'),
  },
  'ABM-AUDIO': {
    titles: [t('Mikrofon dewan tiada bunyi', 'No sound from the hall microphone')],
    description: t(
      'Mikrofon tanpa wayar di {place} tidak mengeluarkan bunyi.',
      'The wireless microphone at {place} gives no sound.',
    ),
    workLog: t(
      'Penerima mikrofon ditetapkan semula dan bateri diganti.',
      'Re-paired the microphone receiver and replaced the batteries.',
    ),
    resolution: t(
      'Sistem audio telah diuji dan berfungsi.',
      'The audio system has been tested and works.',
    ),
  },
  'ABM-LAB': {
    titles: [t('Komputer makmal tidak dapat log masuk', 'Cannot sign in to lab computers')],
    description: t(
      'Pelajar tidak dapat log masuk ke komputer makmal di {place}.',
      'Students cannot sign in to the lab computers at {place}.',
    ),
    workLog: t(
      'Komputer makmal disertai semula ke domain.',
      'Rejoined the lab computers to the domain.',
    ),
    resolution: t('Log masuk makmal berfungsi semula.', 'Lab sign-in works again.'),
  },
  'DC-VM': {
    titles: [t('Permohonan tambah memori pelayan maya', 'Add memory to a virtual server')],
    description: t(
      'Pelayan maya projek penyelidikan kami kehabisan memori.',
      'Our research project’s virtual server runs out of memory.',
    ),
    workLog: t(
      'Memori pelayan maya ditambah semasa tetingkap penyelenggaraan.',
      'Added memory to the virtual server during the maintenance window.',
    ),
    resolution: t(
      'Sumber pelayan maya telah ditambah.',
      'The virtual server’s resources have been increased.',
    ),
  },
  'DC-HOSTING': {
    titles: [t('Laman web fakulti tidak dapat diakses', 'Faculty website unreachable')],
    description: t(
      'Laman web fakulti kami memaparkan ralat sijil keselamatan.',
      'Our faculty website shows a certificate error.',
    ),
    workLog: t(
      'Sijil TLS diperbaharui dan dipasang pada pelayan hosting.',
      'Renewed the TLS certificate and installed it on the hosting server.',
    ),
    resolution: t(
      'Laman web boleh diakses semula tanpa amaran.',
      'The website is reachable again without warnings.',
    ),
  },
  'DC-BACKUP': {
    titles: [t('Pulihkan fail yang terpadam', 'Restore deleted files')],
    description: t(
      'Folder jabatan di storan rangkaian terpadam secara tidak sengaja semalam.',
      "The department's folder on the network storage was deleted by mistake yesterday.",
    ),
    workLog: t(
      'Fail dipulihkan daripada sandaran malam sebelumnya.',
      "Restored the files from the previous night's backup.",
    ),
    resolution: t(
      'Fail telah dipulihkan ke lokasi asal.',
      'The files have been restored to their original place.',
    ),
  },
  'SEC-PHISHING': {
    titles: [
      t('E-mel mencurigakan meminta kata laluan', 'Suspicious e-mail asking for my password'),
    ],
    description: t(
      'Saya menerima e-mel kononnya daripada pentadbir sistem yang meminta kata laluan.',
      'I received an e-mail claiming to be from the administrator, asking for my password.',
    ),
    workLog: t(
      'Pengirim disekat pada gerbang e-mel dan mesej serupa dikeluarkan dari peti mel.',
      'Blocked the sender on the mail gateway and removed similar messages from mailboxes.',
    ),
    resolution: t(
      'E-mel pancingan data telah disekat. Terima kasih kerana melaporkan.',
      'The phishing e-mail has been blocked. Thank you for reporting it.',
    ),
  },
  'SEC-MALWARE': {
    titles: [t('Antivirus mengesan perisian hasad', 'Antivirus found malware')],
    description: t(
      'Antivirus memaparkan amaran ancaman pada komputer saya di {place}.',
      'The antivirus shows a threat warning on my computer at {place}.',
    ),
    workLog: t(
      'Komputer diasingkan dari rangkaian, diimbas penuh dan dibersihkan.',
      'Isolated the computer from the network, ran a full scan and cleaned it.',
    ),
    resolution: t(
      'Komputer telah dibersihkan dan disambung semula.',
      'The computer has been cleaned and reconnected.',
    ),
  },
  'SEC-ACCOUNT': {
    titles: [
      t(
        'Akaun saya menghantar e-mel tanpa pengetahuan saya',
        'My account sends e-mail I did not write',
      ),
    ],
    description: t(
      'Rakan menerima e-mel pelik daripada akaun saya.',
      'Colleagues received strange e-mail from my account.',
    ),
    workLog: t(
      'Sesi dibatalkan, kata laluan ditetapkan semula dan pengesahan dua faktor diaktifkan.',
      'Revoked the sessions, reset the password and turned on two-factor authentication.',
    ),
    resolution: t('Akaun telah diamankan.', 'The account has been secured.'),
  },
  'EVT-CEREMONY': {
    titles: [t('Sokongan teknikal majlis rasmi', 'Technical support for an official function')],
    description: t(
      'Sistem audio visual di {place} bermasalah semasa raptai majlis.',
      'The audio-visual system at {place} failed during the rehearsal of the function.',
    ),
    workLog: t(
      'Peralatan diuji semula dan juruteknik bertugas semasa majlis.',
      'Tested the equipment again; a technician stayed on duty during the function.',
    ),
    resolution: t(
      'Majlis berjalan lancar tanpa gangguan teknikal.',
      'The function ran without technical problems.',
    ),
  },
  'EVT-CONVOCATION': {
    titles: [t('Paparan skrin konvokesyen terputus', 'Convocation screen display dropped')],
    description: t(
      'Skrin paparan di {place} terputus semasa raptai konvokesyen.',
      'The display screen at {place} dropped out during the convocation rehearsal.',
    ),
    workLog: t(
      'Penukar isyarat diganti dan laluan kabel disemak.',
      'Replaced the signal converter and checked the cable route.',
    ),
    resolution: t(
      'Paparan stabil sepanjang sesi konvokesyen.',
      'The display stayed stable through the convocation session.',
    ),
  },
  'EVT-STREAMING': {
    titles: [t('Siaran langsung tersekat-sekat', 'Live stream stuttering')],
    description: t(
      'Siaran langsung seminar dari {place} tersekat-sekat.',
      'The live stream of the seminar from {place} keeps stuttering.',
    ),
    workLog: t(
      'Sambungan berwayar khusus disediakan untuk pengekod siaran.',
      'Provided a dedicated wired connection for the stream encoder.',
    ),
    resolution: t('Siaran langsung stabil.', 'The live stream is stable.'),
  },
};

export const places = [
  'Fakulti Kejuruteraan Elektrik (P19)',
  'Fakulti Komputeran (N28)',
  'Fakulti Kejuruteraan Mekanikal (C23)',
  'Fakulti Sains (C10)',
  'Fakulti Alam Bina dan Ukur (B04)',
  'Perpustakaan Sultanah Zanariah',
  'Canselori',
  'Dewan Sultan Iskandar',
  'Kolej Tun Dr. Ismail (KTDI)',
  'Kolej Rahman Putra (KRP)',
  'Kolej Tun Fatimah (KTF)',
  'Kolej Perdana',
  'Azman Hashim International Business School',
  'UTM Kuala Lumpur',
];

export const firstReplies: Bilingual[] = [
  t(
    'Terima kasih, aduan anda sedang kami semak.',
    'Thank you, we are looking into your complaint.',
  ),
  t(
    'Aduan anda telah diterima dan juruteknik sedang mengambil tindakan.',
    'We have received your complaint and a technician is working on it.',
  ),
  t(
    'Kami sedang menyiasat masalah ini dan akan memaklumkan perkembangan.',
    'We are investigating the problem and will keep you informed.',
  ),
];

export const customerQuestions: Bilingual[] = [
  t(
    'Boleh kongsikan tangkapan skrin mesej ralat tersebut?',
    'Could you send a screenshot of the error message?',
  ),
  t(
    'Bilakah masa yang sesuai untuk juruteknik datang ke lokasi?',
    'When may the technician come to your location?',
  ),
  t(
    'Mohon sahkan nombor siri atau nombor aset peralatan.',
    "Please confirm the equipment's serial or asset number.",
  ),
];

export const customerAnswers: Bilingual[] = [
  t('Tangkapan skrin dilampirkan. Terima kasih.', 'Screenshot attached. Thank you.'),
  t('Boleh datang esok jam 10 pagi.', 'Tomorrow at 10 a.m. works for me.'),
  t(
    'Nombor aset ialah seperti pada label di belakang peralatan.',
    'The asset number is the one on the label at the back.',
  ),
];

export const supplierNotes: Bilingual[] = [
  t(
    'Menunggu alat ganti daripada pembekal di bawah waranti.',
    'Waiting for a spare part from the supplier under warranty.',
  ),
  t(
    'Tiket dibuka dengan pembekal; menunggu maklum balas.',
    'Opened a ticket with the supplier; waiting for their answer.',
  ),
];

export const reopenReasons: Bilingual[] = [
  t('Masalah yang sama berlaku semula pagi ini.', 'The same problem happened again this morning.'),
  t('Masih belum selesai sepenuhnya.', 'It is still not completely fixed.'),
];

export const ratingComments: Record<'good' | 'bad', Bilingual[]> = {
  good: [
    t('Tindakan pantas, terima kasih!', 'Quick action, thank you!'),
    t('Juruteknik sangat membantu.', 'The technician was very helpful.'),
    t('Perkhidmatan yang baik.', 'Good service.'),
  ],
  bad: [
    t('Mengambil masa terlalu lama.', 'It took far too long.'),
    t(
      'Perlu dimaklumkan lebih awal tentang kelewatan.',
      'I should have been told about the delay earlier.',
    ),
  ],
};

export function inLanguage(text: Bilingual, language: Language): string {
  return text[language];
}

export function withPlace(text: string, place: string): string {
  return text.replaceAll('{place}', place);
}
